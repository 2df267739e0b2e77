-- Work that one place only may do, held with a lease: a holder renews it while it works, and
-- another takes it over once it runs out. The mail outbox (a folder of files, for sites without
-- SMTP) is held this way, so that several nodes write one outbox, not one each.
create table node_roles (
    role text primary key,
    holder text not null,
    until_ms bigint not null
);
