//! Work spread over the cores, with results in a fixed order, so that what is computed from
//! them (sums above all) does not depend on how many cores there are or which finished first.

use std::num::NonZeroUsize;
use std::sync::Mutex;
use std::thread;

/// How many threads to spread work over: the cores this process may use.
pub(crate) fn workers() -> usize {
    thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// Runs `work` on every item on one thread per state in `states` (each state, a decoder or
/// scratch buffers, belongs to one thread), and returns the results in the items' order. A
/// thread takes the next item whenever it finishes one, so uneven items balance out. With a
/// single state everything runs on the calling thread.
pub(crate) fn map_ordered<S, T, R>(
    states: &mut [S],
    items: impl Iterator<Item = T> + Send,
    work: impl Fn(&mut S, T) -> R + Sync,
) -> Vec<R>
where
    S: Send,
    T: Send,
    R: Send,
{
    if let [state] = states {
        return items.map(|item| work(state, item)).collect();
    }
    let queue = Mutex::new(items.enumerate());
    let next = || queue.lock().unwrap_or_else(|e| e.into_inner()).next();
    let (next, work) = (&next, &work);
    let mut done: Vec<(usize, R)> = thread::scope(|scope| {
        let threads: Vec<_> = states
            .iter_mut()
            .map(|state| {
                scope.spawn(move || {
                    let mut done = Vec::new();
                    while let Some((index, item)) = next() {
                        done.push((index, work(state, item)));
                    }
                    done
                })
            })
            .collect();
        threads
            .into_iter()
            .flat_map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|p| std::panic::resume_unwind(p))
            })
            .collect()
    });
    done.sort_unstable_by_key(|&(index, _)| index);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_items_order_whatever_the_threads() {
        for threads in 1..=4 {
            let mut states = vec![0usize; threads];
            let squares = map_ordered(&mut states, 0..1000u64, |seen, n| {
                *seen += 1;
                n * n
            });
            assert_eq!(squares, (0..1000u64).map(|n| n * n).collect::<Vec<_>>());
            assert_eq!(states.iter().sum::<usize>(), 1000, "every item once");
        }
    }
}
