//! Bounds on thread backfill, per instance. Every new remote dilemma may start a backfill of
//! its thread, and a hostile server can make many dilemmas appear at once, so backfills
//! run a few at a time (in total and per remote host), and only a bounded number wait: a
//! backfill that finds the queue full is dropped and logged, never queued without limit.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};
use tokio::sync::Semaphore;

/// The limits, from `[federation]` in the configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackfillLimits {
    /// Items fetched from one dilemma's context collection.
    pub items_per_dilemma: usize,
    /// Backfills running at once against one remote host.
    pub per_host: usize,
    /// Backfills running at once in all.
    pub total: usize,
    /// Backfills waiting or running, in all; more are dropped.
    pub queue: usize,
    /// Backfills waiting or running for one remote host; more are dropped.
    pub queue_per_host: usize,
}

impl Default for BackfillLimits {
    fn default() -> Self {
        BackfillLimits {
            items_per_dilemma: 200,
            per_host: 2,
            total: 8,
            queue: 64,
            queue_per_host: 16,
        }
    }
}

#[derive(Default)]
struct Admitted {
    total: usize,
    /// Per host: how many are admitted, and the host's own running limit.
    hosts: HashMap<String, (usize, Arc<Semaphore>)>,
}

/// The queue of one instance (kept in its `AppContext`).
pub struct BackfillQueue {
    limits: BackfillLimits,
    running: Arc<Semaphore>,
    admitted: Mutex<Admitted>,
}

impl BackfillQueue {
    pub fn new(limits: BackfillLimits) -> Self {
        BackfillQueue {
            limits,
            running: Arc::new(Semaphore::new(limits.total.max(1))),
            admitted: Mutex::default(),
        }
    }

    pub fn limits(&self) -> BackfillLimits {
        self.limits
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Admitted> {
        self.admitted.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A place in the queue for a backfill from `host`, or `None` when the queue (in all or
    /// for that host) is full.
    pub fn admit(self: &Arc<Self>, host: &str) -> Option<Ticket> {
        let mut admitted = self.lock();
        let per_host = admitted.hosts.get(host).map_or(0, |(n, _)| *n);
        if admitted.total >= self.limits.queue || per_host >= self.limits.queue_per_host {
            return None;
        }
        admitted.total += 1;
        let limit = self.limits.per_host.max(1);
        let entry = admitted
            .hosts
            .entry(host.to_owned())
            .or_insert_with(|| (0, Arc::new(Semaphore::new(limit))));
        entry.0 += 1;
        let host_running = entry.1.clone();
        Some(Ticket {
            queue: self.clone(),
            host: host.to_owned(),
            host_running,
        })
    }
}

/// An admitted backfill; its place is given back when it is dropped.
pub struct Ticket {
    queue: Arc<BackfillQueue>,
    host: String,
    host_running: Arc<Semaphore>,
}

impl Ticket {
    /// Waits for a running place (in all and for the host), then runs `work`.
    pub async fn run<F: Future>(self, work: F) -> Option<F::Output> {
        let _all = self.queue.running.clone().acquire_owned().await.ok()?;
        let _host = self.host_running.clone().acquire_owned().await.ok()?;
        Some(work.await)
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut admitted = self.queue.lock();
        admitted.total = admitted.total.saturating_sub(1);
        let idle = match admitted.hosts.get_mut(&self.host) {
            Some((n, _)) => {
                *n = n.saturating_sub(1);
                *n == 0
            }
            None => false,
        };
        if idle {
            // Hosts seen once do not stay in memory.
            admitted.hosts.remove(&self.host);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(queue: usize, queue_per_host: usize) -> BackfillLimits {
        BackfillLimits {
            queue,
            queue_per_host,
            ..BackfillLimits::default()
        }
    }

    #[test]
    fn the_queue_is_bounded_per_host_and_in_all() {
        let q = Arc::new(BackfillQueue::new(limits(3, 2)));
        let a1 = q.admit("a.example");
        let a2 = q.admit("a.example");
        assert!(a1.is_some() && a2.is_some());
        assert!(q.admit("a.example").is_none(), "per host");
        let b1 = q.admit("b.example");
        assert!(b1.is_some());
        assert!(q.admit("c.example").is_none(), "in all");
        drop(a1);
        assert!(q.admit("c.example").is_some(), "a place was given back");
    }

    #[test]
    fn a_host_with_nothing_admitted_is_forgotten() {
        let q = Arc::new(BackfillQueue::new(limits(3, 2)));
        drop(q.admit("a.example"));
        assert!(q.lock().hosts.is_empty());
        assert_eq!(q.lock().total, 0);
    }

    #[tokio::test]
    async fn no_more_than_the_per_host_limit_run_at_once() {
        let q = Arc::new(BackfillQueue::new(BackfillLimits {
            per_host: 2,
            total: 8,
            queue: 64,
            queue_per_host: 16,
            items_per_dilemma: 1,
        }));
        let running = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..6 {
            let ticket = q.admit("a.example").expect("room");
            let (running, most) = (running.clone(), most.clone());
            tasks.push(tokio::spawn(ticket.run(async move {
                use std::sync::atomic::Ordering::SeqCst;
                let now = running.fetch_add(1, SeqCst) + 1;
                most.fetch_max(now, SeqCst);
                tokio::task::yield_now().await;
                running.fetch_sub(1, SeqCst);
            })));
        }
        for t in tasks {
            t.await.expect("task");
        }
        assert!(most.load(std::sync::atomic::Ordering::SeqCst) <= 2);
    }
}
