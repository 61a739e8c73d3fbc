//! Work rendered on every core and taken in order: the rows of a long
//! `tk list --json`, a batch at a time, written as each batch is ready.

use std::sync::mpsc;

/// Renders `batches` pieces of output on `threads` threads and lets `take`
/// pull them in order (`0, 1, 2, …`) through the function it is given,
/// which returns `None` after the last. Worker `w` renders batches `w`,
/// `w + threads`, `w + 2 × threads`, … into a channel of its own, so
/// taking from the channels in turn gives the batches in order; at most
/// two batches per worker wait to be taken, which bounds the memory. When
/// `take` returns early (writing failed), the channels close and every
/// worker stops at its next batch.
pub(crate) fn render_in_order<T: Send, R>(
    batches: usize,
    threads: usize,
    render: impl Fn(usize) -> T + Sync,
    take: impl FnOnce(&mut dyn FnMut() -> Option<T>) -> R,
) -> R {
    let threads = threads.clamp(1, batches.max(1));
    std::thread::scope(|scope| {
        let render = &render;
        let channels: Vec<mpsc::Receiver<T>> = (0..threads)
            .map(|worker| {
                let (send, channel) = mpsc::sync_channel(2);
                scope.spawn(move || {
                    for index in (worker..batches).step_by(threads) {
                        if send.send(render(index)).is_err() {
                            return;
                        }
                    }
                });
                channel
            })
            .collect();
        let mut next = 0;
        take(&mut || {
            if next == batches {
                return None;
            }
            let batch = channels[next % threads]
                .recv()
                .expect("a worker renders every batch of its turn before it ends");
            next += 1;
            Some(batch)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_come_in_order_whatever_the_threads() {
        for threads in 1..=5 {
            for batches in [0, 1, 2, 7, 64] {
                let taken = render_in_order(
                    batches,
                    threads,
                    |i| i * 10,
                    |next| std::iter::from_fn(next).collect::<Vec<_>>(),
                );
                let want: Vec<usize> = (0..batches).map(|i| i * 10).collect();
                assert_eq!(taken, want, "{batches} batches on {threads} threads");
            }
        }
    }

    #[test]
    fn taking_fewer_batches_stops_the_workers() {
        // Returns (instead of waiting forever) though the workers had
        // 10,000 batches to render.
        let rendered = std::sync::atomic::AtomicUsize::new(0);
        let first = render_in_order(
            10_000,
            3,
            |i| {
                rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                i
            },
            |next| next(),
        );
        assert_eq!(first, Some(0));
        assert!(rendered.into_inner() < 100);
    }
}
