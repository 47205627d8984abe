//! The global allocator that keeps the memory side of a page's budget: it counts what
//! the thread rendering a page holds and ends the process, after naming the page,
//! before an allocation past [`MEMORY_LIMIT`] could abort it.

use std::alloc::{GlobalAlloc, Layout, System};

use super::{ACTIVE, Breach, BreachPolicy, COUNTING, HELD, MEMORY_LIMIT, breach_error, stop};
use crate::error::Error;

/// The system allocator, counting what the thread rendering a page holds, so a
/// template that builds an enormous string ends with an error naming the page instead
/// of an aborted allocation. Install it in a binary with `#[global_allocator]`.
pub struct BudgetAllocator;

impl BudgetAllocator {
    fn count(delta: isize) {
        // `try_with`: allocations also happen while thread-locals are torn down.
        let _ = COUNTING.try_with(|counting| {
            if !counting.get() {
                return;
            }
            let held = HELD.with(|held| {
                let now = held.get().saturating_add(delta);
                held.set(now);
                now
            });
            if held > MEMORY_LIMIT {
                // The report allocates; it must not be counted again.
                counting.set(false);
                let found = ACTIVE.with(|cell| match cell.try_borrow() {
                    Ok(active) => active.as_ref().map(|active| {
                        let error =
                            breach_error(active.template.clone(), &active.page, Breach::Memory);
                        (error, active.policy)
                    }),
                    Err(_) => None,
                });
                let (error, policy) = found.unwrap_or_else(|| {
                    let error = Error::Usage(Breach::Memory.message());
                    (error, BreachPolicy::EndProcess)
                });
                stop(&error, policy, Breach::Memory);
            }
        });
    }
}

// SAFETY: every call is passed to `System` unchanged; counting never allocates while
// it counts, and ending the process does not unwind.
unsafe impl GlobalAlloc for BudgetAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Self::count(layout.size() as isize);
        // SAFETY: the caller's contract is System's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Self::count(layout.size() as isize);
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        Self::count(-(layout.size() as isize));
        // SAFETY: as above.
        unsafe { System.dealloc(pointer, layout) }
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Self::count(new_size as isize - layout.size() as isize);
        // SAFETY: as above.
        unsafe { System.realloc(pointer, layout, new_size) }
    }
}
