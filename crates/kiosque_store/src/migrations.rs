//! The embedded migrations of each backend, and the rule that keeps them safe to upgrade
//! through: a migration that has shipped is never edited. sqlx records each applied
//! migration's checksum and refuses to start on a database whose history differs, so an edit
//! in place turns an upgrade into a server that does not boot. Changes are new migrations.

use crate::db::Backend;

static SQLITE: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

pub(crate) fn migrator(backend: Backend) -> &'static sqlx::migrate::Migrator {
    match backend {
        Backend::Sqlite => &SQLITE,
        Backend::Postgres => &POSTGRES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shipped migration and the SHA-384 of its SQL (what sqlx records), per backend.
    /// Adding a migration adds a line here; changing a line means a shipped migration was
    /// edited, which breaks every database created before: write a new migration instead.
    const SHIPPED: &[(Backend, i64, &str)] = &[
        (Backend::Sqlite, 20261126000001, "3bdc5231820b89474ec33d56c4abc5a931852b4725ab98c499eee25914c975c3cb32e4ccfae72f8bd1d293429da9d15f"),
        (Backend::Sqlite, 20261126000002, "699b44f013126a95306a3aa9f44d54be7e24d922210639f086387c720f95b86f3343e76b4f50fed4c531d38a41bb89c6"),
        (Backend::Sqlite, 20261126000003, "e2b964ae0b41a3a8edc1eb8446c90f40a4f7d570e371e4e8797fcaf216d97411423012aabfc02d8d556e076a2da4127a"),
        (Backend::Sqlite, 20261126000004, "03fac82151083a5b7c657e98b8e7ce1e169b801116968325ec1e817ed833563870e94e52ed6d85417e13a2ea40ffb9df"),
        (Backend::Sqlite, 20261126000005, "8e8943c9f1f4c0d20efd59f08dd1b7a25a6dfe60a68c2992b0199f6fea31743db9773f9457e8ce50844a9ecf5dd88bbf"),
        (Backend::Sqlite, 20261203000001, "f548abdcc76ad3a0c80ebddd9ebbfa80ef99b965d24b8f749a1e12c1264fa9cec8b52e55bc1d65790e1395eb5e237468"),
        (Backend::Sqlite, 20261203000002, "9817837f4d09a337e880b248ae8b7b0489c8c63a6b9d1963be2b0ca888031a3f8c06411ff15ef0d96276079801f4d726"),
        (Backend::Sqlite, 20261203000003, "9998ead1b8e5952206e022b11f04f652970bd8fffa4dd91ccbf7589cca9a24bfb9ecd29e452540b04ea4ec3d20a88320"),
        (Backend::Sqlite, 20261203000004, "f9c6383737c9e112e58afd94253614969db83e46efca0cbf23b4f68bacac9657e22af0f593c720bba3fa3fe54c39ccac"),
        (Backend::Sqlite, 20261203000011, "944039fe3fb577fc69f3ee92da71850553655d5b0c432ae16d485c528cb3e6d3702277040fd4b249d6764934c08f81f6"),
        (Backend::Sqlite, 20261203000012, "768e2fbdc01912ba2b9ece3ef60e9028cf78908ba82311e870ec9476c53356accdcd20f1ef9e528d020170e43d302644"),
        (Backend::Sqlite, 20261203000013, "3339b4e6714d5a52d45c1fca5a523345748816b4d3101323fcbc9b74069a650c7b554f38c9b7d75557a8489142b63181"),
        (Backend::Sqlite, 20261203000014, "0e9730f83081c3c3fe05ca9cffe18dba02e027ad9713c0cdcd28965f8c24e417de66e9a76811c31ed1d13d3d241e749d"),
        (Backend::Sqlite, 20261203000015, "615a22922ac7896f37858fc5b95db210c7c222538f80ec0733bedfeccdfc4a99f6bbc448132a0ce56fdea408fb099f8d"),
        (Backend::Sqlite, 20261203000017, "163a6cdb25ff70818fe974dae1e4aef47d9cf9e12144928eef0c281958a2bafb58ecac49ccd15c77a1e3fc11dc5c530b"),
        (Backend::Sqlite, 20261203000018, "7e3b45c561933c9ce960075cf56b685da7fe16365857d274e0e89bf5c65ed4bb0fd8769ba0891e3a3de6d471a2b90b58"),
        (Backend::Sqlite, 20261203000019, "86f6e7a70f129ecc0d8944bdac84d39a1734e1abf35f94b2d5b58f8ba9c5d0de1e706cba94ac5e37c15e29bf9a4275f5"),
        (Backend::Sqlite, 20261203000021, "1bb1f9ef70fde322357142ebcf7c8627e82bbd5293b9055eda60251545c261f077468a87d06aeebde3c0fc9fd5fe329a"),
        (Backend::Sqlite, 20261203000022, "dbf9937ee4b69fda2447db945e532edd8dfb61bf75225b6158fae564375bbc30c4307a815e2c4852ab804ad69918c0e2"),
        (Backend::Sqlite, 20261203000023, "18378c3785434339a569f2908b55ba15c076e1c74d3cfd4cc63426a89cd7208b62f4f6d718819005930691f2af57fba8"),
        (Backend::Sqlite, 20261203000024, "d14b14cd2f83ccd1c205dd7fa4a5eaea2e72a7a42344e93140d946bc84eb6cc9d51b55553b060f581916d744df08aea6"),
        (Backend::Sqlite, 20261203000026, "af3bbc0c20bf0bcfc66247f67fc3eb09ec2ed586657c9152cce32f84e4b4e7fbfa0c5f57e822ced4aebea875fc3c09d5"),
        (Backend::Sqlite, 20261203000030, "ed8cd396798a863d1e95c571ee61d3f869df683b12f6369dc3c55bacffda7517f9bd4979f81dcc3703902221e8de2d7c"),
        (Backend::Sqlite, 20261204000001, "cbba89a59812029c2ee3d5142498a95387269d8e20b8ab866e6c1349bdeed98471bb815d80cb24d14e13d61d82aa15ae"),
        (Backend::Sqlite, 20261205000001, "9f32cda0af0d651477dd2d9e1017b8074a99182b58a50e4096300f996162176640410f8a64fa5a859e1ae0846417b68e"),
        (Backend::Sqlite, 20261205000002, "c8485ab75e9c81f50a35a2160434dda6d959470a0a86f2708f3c688892de1edbd584b41566b96f91d455afae3d2317a1"),
        (Backend::Postgres, 20261126000001, "5d4282a78a2994d0af1636fd00116a88295a5208832237e2c9849288a451b85d4ab9d4404fa8ae242dbd12c1c030fda3"),
        (Backend::Postgres, 20261126000002, "30454e5f8b830323afb17002aff4ddaee561c52a08c6ade4571e27be0abbaaccb097f7965121d36982d6dcfa6845f410"),
        (Backend::Postgres, 20261126000003, "bde2088d7c83e50eefe54795e2a32d5b8870f3e4e1dcacad41df0d13f382769684f88d495f712b38a524ff3d5bdffcbe"),
        (Backend::Postgres, 20261126000004, "b9e3edb73efe27b0d79111ddb8092fa197ee6440006f7d527db513ee90f20c314b7d00cec00b77db195ea26748627f13"),
        (Backend::Postgres, 20261126000005, "8e8943c9f1f4c0d20efd59f08dd1b7a25a6dfe60a68c2992b0199f6fea31743db9773f9457e8ce50844a9ecf5dd88bbf"),
        (Backend::Postgres, 20261203000001, "e7769bbbb7b4dd7dd9949fb0abca596d943de1d3da4947420636cc0a4846cc228635752215816953841eaffa982edef6"),
        (Backend::Postgres, 20261203000002, "e37faeb8842d2ef1c164e29e05fb3ecc16a852534dfcd1b7a10ff3fa743f013b84025d0eab2eb2666ea081e9c758c414"),
        (Backend::Postgres, 20261203000003, "381618ac43fdfe6b26ae4fcacb4b03949391315e233d89a78ba77160cb461f5d001a6ddbd0b93bd478dfe4ede7dd00b1"),
        (Backend::Postgres, 20261203000004, "c2797ca1816f168fae100ebd9661c56ecba32cc8619ee52b3ffa13f2563f02186c2a2e0aeb4ca1e6f7cc91ed89d4f0ad"),
        (Backend::Postgres, 20261203000011, "bef61b53085813078bac4e8a5c1026bd3e5d1e78081a233ba9eb34de4e080ec07c6f754962868eb7e858ab7a01bf88ec"),
        (Backend::Postgres, 20261203000012, "4ac70dfb4898f417b7c6c6a7182f24f9159a05a3bc45abf81950163d2e25965c3225b94980cbbaec3c2dee351f53752e"),
        (Backend::Postgres, 20261203000013, "091f78992fad5f9c747465fdeb9b6c0b5a6bc6396705ee14614dae130cba2126872222fb9b0532e5ea7788ee38b8a06b"),
        (Backend::Postgres, 20261203000014, "6f8c063c76eb93f684be7bdfa3da9c675a67379d3f5afe1898e1246e0976846c7e13600e1d2c5eed879dc1c913009b9b"),
        (Backend::Postgres, 20261203000015, "c6ad4bd2769b692e50b1b70559763902b4ff7dc4bf64e8b2be9e7eb84eee1f52c5d50c5f08f343ba8f2dc61c0e78ea1f"),
        (Backend::Postgres, 20261203000017, "163a6cdb25ff70818fe974dae1e4aef47d9cf9e12144928eef0c281958a2bafb58ecac49ccd15c77a1e3fc11dc5c530b"),
        (Backend::Postgres, 20261203000018, "e68fa03520d2ae5db588dfcda2861875c04b2246a88e274a7f73c0de0692ac7b070dea11ab5d43be1bcf4718af053c7c"),
        (Backend::Postgres, 20261203000019, "5035a35ea74762de7dcd2724010aee32584735840017e6634112b8ed46f1313e79cd8e11a203ff327ad06c97d20d94c6"),
        (Backend::Postgres, 20261203000021, "10345933d674441a9f4e6039dfbccbce2b449a970c8ff1ab71f1bdb0b2ff04e4a2de8954b3109f300846e9534b7fa362"),
        (Backend::Postgres, 20261203000022, "b367acaca09056201db74818fc3199eb5ed365b09db68d428738ca0cd389d03c5854c45c935dbc7715c29a92c70518c4"),
        (Backend::Postgres, 20261203000023, "0a09904486fde203ce2e4e5de8376889048ba352c22c31069a18bbcb46a8321c8b845bd8a9fe6642bab9e28a88567e44"),
        (Backend::Postgres, 20261203000024, "6d42235ebe646916dc73262cd02bea71b486b1dfeb18cfdb6d44bcb93bfdf5732b055aec7846061988aff629f4ae37f7"),
        (Backend::Postgres, 20261203000026, "af3bbc0c20bf0bcfc66247f67fc3eb09ec2ed586657c9152cce32f84e4b4e7fbfa0c5f57e822ced4aebea875fc3c09d5"),
        (Backend::Postgres, 20261203000030, "ed8cd396798a863d1e95c571ee61d3f869df683b12f6369dc3c55bacffda7517f9bd4979f81dcc3703902221e8de2d7c"),
        (Backend::Postgres, 20261204000001, "cbba89a59812029c2ee3d5142498a95387269d8e20b8ab866e6c1349bdeed98471bb815d80cb24d14e13d61d82aa15ae"),
        (Backend::Postgres, 20261205000001, "9f32cda0af0d651477dd2d9e1017b8074a99182b58a50e4096300f996162176640410f8a64fa5a859e1ae0846417b68e"),
        (Backend::Postgres, 20261205000002, "c8485ab75e9c81f50a35a2160434dda6d959470a0a86f2708f3c688892de1edbd584b41566b96f91d455afae3d2317a1"),
    ];

    #[test]
    fn shipped_migrations_are_never_edited() {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            let embedded: Vec<(i64, String)> = migrator(backend)
                .iter()
                .map(|m| {
                    (
                        m.version,
                        m.checksum.iter().map(|b| format!("{b:02x}")).collect(),
                    )
                })
                .collect();
            let shipped: Vec<(i64, String)> = SHIPPED
                .iter()
                .filter(|(b, _, _)| *b == backend)
                .map(|(_, v, sum)| (*v, (*sum).to_owned()))
                .collect();
            for (version, sum) in &shipped {
                let now = embedded.iter().find(|(v, _)| v == version);
                assert_eq!(
                    now.map(|(_, s)| s),
                    Some(sum),
                    "{backend:?} migration {version} was removed or edited after it shipped: \
                     put it back as it was and write a new migration"
                );
            }
            let new: Vec<_> = embedded
                .iter()
                .filter(|(v, _)| !shipped.iter().any(|(s, _)| s == v))
                .collect();
            assert!(
                new.is_empty(),
                "{backend:?}: new migrations {new:?}: add their checksums to SHIPPED once they \
                 land (from then on they are frozen too)"
            );
        }
    }
}
