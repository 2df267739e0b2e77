//! The time the newsroom acts on. In production it is the system clock; tests point it at a
//! file holding a time, and move time forward by writing to it (scheduling is tested without
//! sleeping until a publication time).

use std::path::PathBuf;

#[derive(Debug, Clone, Default)]
pub enum Clock {
    #[default]
    System,
    /// Reads unix milliseconds from this file at every call; falls back to the system clock
    /// when the file is missing or unreadable.
    File(PathBuf),
}

impl Clock {
    pub fn now_ms(&self) -> i64 {
        let system = || chrono::Utc::now().timestamp_millis();
        match self {
            Clock::System => system(),
            Clock::File(path) => std::fs::read_to_string(path)
                .ok()
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or_else(system),
        }
    }
}

/// Publishes scheduled articles when their time comes: every second, and at once after a
/// local write (an article scheduled in the past). The schedule is rows in the database, so a
/// restart loses nothing: the first pass publishes whatever came due while the server was down.
pub fn spawn_scheduler(store: kiosque_store::Store, clock: Clock) -> tokio::task::JoinHandle<()> {
    let s = store.clone();
    tokio::spawn(crate::follow::every(
        store,
        std::time::Duration::from_secs(1),
        true,
        move || {
            let (store, now) = (s.clone(), clock.now_ms());
            async move {
                match store.publish_due(now).await {
                    Ok(ids) if !ids.is_empty() => {
                        tracing::info!(?ids, "scheduled articles published");
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "scheduler: cannot publish due articles"),
                }
                crate::follow::Pace::Wait
            }
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_clock_reads_its_file_and_falls_back() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("now");
        let clock = Clock::File(path.clone());
        let before = chrono::Utc::now().timestamp_millis();
        assert!(clock.now_ms() >= before, "no file: the system clock");
        std::fs::write(&path, "1893456000000\n").expect("write");
        assert_eq!(clock.now_ms(), 1_893_456_000_000);
    }
}
