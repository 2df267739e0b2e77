//! This node's figures for an operator, in the Prometheus text format: request counts and
//! latencies by route, the page cache, live streams, the database pool, how far this node lags
//! behind the change log, and the mail and webhook queues. Served on their own address
//! (`kiosque serve --metrics-listen`), never beside the public site: route names, queue depths
//! and pool sizes are an operator's business.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, OnceLock};

use axum::http::{Method, StatusCode};
use kiosque_store::{PoolStats, QueueCounts};
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry,
    TextEncoder,
};

use crate::cache::CacheOutcome;

/// What a scrape reads from the rest of the node, gathered by the handler.
pub(crate) struct Figures {
    pub cache_entries: usize,
    pub cache_bytes: usize,
    pub comment_streams: usize,
    pub live_blog_streams: usize,
    pub pool: PoolStats,
    /// Database connections this process took so far (`Store::queries_started`).
    pub db_acquires: u64,
    /// Pages rendered by their handler, and pieces of pages by kind (`PageCache::renders`).
    pub page_renders: u64,
    pub fragment_renders: Vec<(String, u64)>,
    /// What the database answered; `None` when it did not.
    pub database: Option<DatabaseFigures>,
}

pub(crate) struct DatabaseFigures {
    pub last_change: i64,
    /// The last change this node's page cache applied.
    pub page_cache_at: i64,
    pub mail: QueueCounts,
    pub webhooks: QueueCounts,
}

/// Request latencies, in seconds: cached pages answer in well under a millisecond, renders in
/// a few, searches and uploads in more.
const BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    cache_requests: IntCounterVec,
    cache_entries: IntGauge,
    cache_bytes: IntGauge,
    live_streams: IntGaugeVec,
    pool: IntGaugeVec,
    database_up: IntGauge,
    lag: IntGaugeVec,
    queue: IntGaugeVec,
    /// Database connections taken: by the whole process, and by requests per route.
    db_acquires: prometheus::IntCounter,
    request_db_acquires: IntCounterVec,
    /// Renders behind the page cache: whole pages, and pieces (the thread) by kind.
    page_renders: prometheus::IntCounter,
    fragment_renders: IntCounterVec,
    /// The search indexer's place in the change log, once the server has started it.
    index_position: OnceLock<Arc<AtomicI64>>,
    /// The live streams' shared reads and the bounds' refusals.
    pub(crate) load: crate::load_metrics::LoadMetrics,
}

/// A family of metrics; the names and labels below are fixed, so building them cannot fail
/// at run time once the unit test has built them.
fn family<T: prometheus::core::Collector + Clone + 'static>(
    registry: &Registry,
    metric: prometheus::Result<T>,
) -> T {
    let metric = metric.expect("metric definitions are valid (unit-tested)");
    registry
        .register(Box::new(metric.clone()))
        .expect("metric names are unique (unit-tested)");
    metric
}

impl Default for Metrics {
    fn default() -> Self {
        let r = Registry::new_custom(Some("kiosque".to_owned()), None)
            .expect("a valid prefix (unit-tested)");
        Metrics {
            requests: family(
                &r,
                IntCounterVec::new(
                    Opts::new("http_requests_total", "HTTP requests answered"),
                    &["route", "method", "status"],
                ),
            ),
            latency: family(
                &r,
                HistogramVec::new(
                    HistogramOpts::new(
                        "http_request_duration_seconds",
                        "Time to answer a request's head",
                    )
                    .buckets(BUCKETS.to_vec()),
                    &["route"],
                ),
            ),
            cache_requests: family(
                &r,
                IntCounterVec::new(
                    Opts::new(
                        "page_cache_requests_total",
                        "Cacheable pages served, by outcome (hit: from memory, miss: rendered)",
                    ),
                    &["outcome"],
                ),
            ),
            cache_entries: family(
                &r,
                IntGauge::new("page_cache_entries", "Pages kept in this node's cache"),
            ),
            cache_bytes: family(
                &r,
                IntGauge::new("page_cache_bytes", "Bytes of the pages kept in the cache"),
            ),
            live_streams: family(
                &r,
                IntGaugeVec::new(
                    Opts::new(
                        "live_streams",
                        "Server-sent-event streams open on this node",
                    ),
                    &["kind"],
                ),
            ),
            pool: family(
                &r,
                IntGaugeVec::new(
                    Opts::new("db_pool_connections", "Database connections of this node"),
                    &["state"],
                ),
            ),
            database_up: family(
                &r,
                IntGauge::new("database_up", "1 when the database answered this scrape"),
            ),
            lag: family(
                &r,
                IntGaugeVec::new(
                    Opts::new(
                        "change_log_lag",
                        "Changes of the log this node's follower has not applied yet",
                    ),
                    &["follower"],
                ),
            ),
            queue: family(
                &r,
                IntGaugeVec::new(
                    Opts::new("queue_depth", "Messages and deliveries, by queue and state"),
                    &["queue", "state"],
                ),
            ),
            db_acquires: family(
                &r,
                prometheus::IntCounter::new(
                    "db_acquires_total",
                    "Database connections taken by this process (each query takes one)",
                ),
            ),
            request_db_acquires: family(
                &r,
                IntCounterVec::new(
                    Opts::new(
                        "http_db_acquires_total",
                        "Database connections taken while answering requests, by route",
                    ),
                    &["route"],
                ),
            ),
            page_renders: family(
                &r,
                prometheus::IntCounter::new(
                    "page_renders_total",
                    "Public pages rendered by their handler (cache misses and uncached answers)",
                ),
            ),
            fragment_renders: family(
                &r,
                IntCounterVec::new(
                    Opts::new(
                        "fragment_renders_total",
                        "Pieces of cached pages rendered apart from their page, by kind",
                    ),
                    &["kind"],
                ),
            ),
            index_position: OnceLock::new(),
            load: crate::load_metrics::LoadMetrics::new(&r),
            registry: r,
        }
    }
}

impl Metrics {
    /// Follows the search indexer's place in the change log (set once, at start).
    pub fn watch_index(&self, position: Arc<AtomicI64>) {
        // A second call would follow the same indexer: nothing to do.
        let _ = self.index_position.set(position);
    }

    pub(crate) fn observe(
        &self,
        route: &str,
        method: &Method,
        status: StatusCode,
        seconds: f64,
        cache: Option<CacheOutcome>,
    ) {
        // Methods outside the usual few are counted together, so a client cannot add labels.
        let method = match *method {
            Method::GET => "GET",
            Method::HEAD => "HEAD",
            Method::POST => "POST",
            Method::PUT => "PUT",
            Method::PATCH => "PATCH",
            Method::DELETE => "DELETE",
            Method::OPTIONS => "OPTIONS",
            _ => "other",
        };
        self.requests
            .with_label_values(&[route, method, status.as_str()])
            .inc();
        self.latency.with_label_values(&[route]).observe(seconds);
        match cache {
            Some(CacheOutcome::Hit) => self.cache_requests.with_label_values(&["hit"]).inc(),
            Some(CacheOutcome::Miss) => self.cache_requests.with_label_values(&["miss"]).inc(),
            Some(CacheOutcome::Stale) => self.cache_requests.with_label_values(&["stale"]).inc(),
            None => {}
        }
    }

    /// Counts the database connections a request to `route` took.
    pub(crate) fn observe_queries(&self, route: &str, n: u64) {
        self.request_db_acquires
            .with_label_values(&[route])
            .inc_by(n);
    }

    /// The text a scrape answers, with the gauges set from `f`.
    pub(crate) fn encode(&self, f: &Figures) -> Result<String, prometheus::Error> {
        // A counter only goes up: it is brought to the store's total.
        self.db_acquires
            .inc_by(f.db_acquires.saturating_sub(self.db_acquires.get()));
        self.page_renders
            .inc_by(f.page_renders.saturating_sub(self.page_renders.get()));
        for (kind, total) in &f.fragment_renders {
            let c = self.fragment_renders.with_label_values(&[kind.as_str()]);
            c.inc_by(total.saturating_sub(c.get()));
        }
        self.cache_entries.set(gauge(f.cache_entries));
        self.cache_bytes.set(gauge(f.cache_bytes));
        self.live_streams
            .with_label_values(&["comments"])
            .set(gauge(f.comment_streams));
        self.live_streams
            .with_label_values(&["live_blog"])
            .set(gauge(f.live_blog_streams));
        self.pool
            .with_label_values(&["open"])
            .set(i64::from(f.pool.open));
        self.pool
            .with_label_values(&["idle"])
            .set(i64::from(f.pool.idle));
        self.pool
            .with_label_values(&["max"])
            .set(i64::from(f.pool.max));
        self.database_up.set(i64::from(f.database.is_some()));
        if let Some(db) = &f.database {
            self.lag
                .with_label_values(&["page_cache"])
                .set((db.last_change - db.page_cache_at).max(0));
            if let Some(position) = self.index_position.get() {
                let at = position.load(Ordering::Relaxed);
                self.lag
                    .with_label_values(&["search_index"])
                    .set((db.last_change - at).max(0));
            }
            for (queue, counts) in [("mail", db.mail), ("webhooks", db.webhooks)] {
                self.queue
                    .with_label_values(&[queue, "queued"])
                    .set(counts.queued);
                self.queue
                    .with_label_values(&[queue, "failed"])
                    .set(counts.failed);
            }
        }
        let mut out = Vec::new();
        TextEncoder::new().encode(&self.registry.gather(), &mut out)?;
        String::from_utf8(out).map_err(|e| prometheus::Error::Msg(e.to_string()))
    }
}

fn gauge(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_is_defined_and_encodes() {
        let m = Metrics::default();
        m.observe(
            "/{section}/{file}",
            &Method::GET,
            StatusCode::OK,
            0.002,
            Some(CacheOutcome::Hit),
        );
        let brew = Method::from_bytes(b"BREW").expect("method");
        m.observe("unmatched", &brew, StatusCode::NOT_FOUND, 0.0, None);
        let text = m
            .encode(&Figures {
                cache_entries: 1,
                cache_bytes: 2,
                comment_streams: 3,
                live_blog_streams: 4,
                pool: PoolStats {
                    open: 5,
                    idle: 6,
                    max: 7,
                },
                db_acquires: 8,
                page_renders: 9,
                fragment_renders: vec![("thread".to_owned(), 11)],
                database: None,
            })
            .expect("encodes");
        assert!(text.contains(
            "kiosque_http_requests_total{method=\"GET\",route=\"/{section}/{file}\",status=\"200\"} 1"
        ));
        // A method a client made up is counted, under one label.
        assert!(text.contains("method=\"other\""), "{text}");
        assert!(text.contains("kiosque_http_request_duration_seconds_bucket"));
        assert!(text.contains("kiosque_page_cache_requests_total{outcome=\"hit\"} 1"));
        assert!(text.contains("kiosque_live_streams{kind=\"live_blog\"} 4"));
        assert!(text.contains("kiosque_db_pool_connections{state=\"max\"} 7"));
        assert!(text.contains("kiosque_database_up 0"));
        assert!(text.contains("kiosque_db_acquires_total 8"), "{text}");
        assert!(text.contains("kiosque_page_renders_total 9"), "{text}");
        assert!(text.contains("kiosque_fragment_renders_total{kind=\"thread\"} 11"));
        m.observe_queries("/{section}/{file}", 0);
        m.observe_queries("/recherche", 2);
        let text = m.encode(&Figures {
            cache_entries: 0,
            cache_bytes: 0,
            comment_streams: 0,
            live_blog_streams: 0,
            pool: PoolStats {
                open: 0,
                idle: 0,
                max: 0,
            },
            db_acquires: 10,
            page_renders: 9,
            fragment_renders: Vec::new(),
            database: None,
        });
        let text = text.expect("encodes");
        assert!(text.contains("kiosque_db_acquires_total 10"), "{text}");
        assert!(text.contains("kiosque_http_db_acquires_total{route=\"/recherche\"} 2"));
        assert!(text.contains("kiosque_http_db_acquires_total{route=\"/{section}/{file}\"} 0"));
    }
}
