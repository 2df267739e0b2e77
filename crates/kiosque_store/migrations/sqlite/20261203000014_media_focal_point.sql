-- Framing images: the focal point of each library image, in whole percents of its width and
-- height from the top left, kept in view by every crop the site makes. The centre by default.
alter table media add column focal_x integer not null default 50;
alter table media add column focal_y integer not null default 50;
