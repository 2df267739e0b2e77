//! The figures of the node's bounds on `/metrics`: how often the live streams read the
//! database (once per change and article, whatever the number of streams), and how many
//! requests were refused, by bound.

use prometheus::{IntCounterVec, Opts, Registry};

pub struct LoadMetrics {
    stream_fetches: IntCounterVec,
    refused: IntCounterVec,
}

impl LoadMetrics {
    pub(crate) fn new(r: &Registry) -> Self {
        let stream_fetches = IntCounterVec::new(
            Opts::new(
                "stream_fetches_total",
                "Database reads of the live streams' shared fan-out, by kind of stream",
            ),
            &["kind"],
        )
        .expect("a valid metric (unit-tested)");
        let refused = IntCounterVec::new(
            Opts::new(
                "load_refused_total",
                "Requests refused by a bound of the node (render: 503, streams: 429 or 503)",
            ),
            &["bound"],
        )
        .expect("a valid metric (unit-tested)");
        for m in [&stream_fetches, &refused] {
            r.register(Box::new(m.clone()))
                .expect("metric names are unique (unit-tested)");
        }
        LoadMetrics {
            stream_fetches,
            refused,
        }
    }

    /// One shared read of the database for the live streams (`comments`, `live_blog`).
    pub(crate) fn stream_fetch(&self, kind: &str) {
        self.stream_fetches.with_label_values(&[kind]).inc();
    }

    pub(crate) fn refused(&self, bound: &str) {
        self.refused.with_label_values(&[bound]).inc();
    }
}
