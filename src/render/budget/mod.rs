//! The budget of one page's render: how long it may take, how large the page may grow
//! and how much memory rendering it may hold, so a site's own template cannot hang or
//! crash the tool.
//!
//! Tera has no iteration limit, no cancellation hook and no cap on the strings a
//! template builds, so the budget is kept from three sides. The page is written
//! through [`BudgetWriter`], which fails once the page is too large or too late, and
//! `range()` (see [`range`]) fails once the page is too late: a runaway loop that
//! writes or counts ends as an ordinary error, and the server keeps serving. A loop
//! that does neither cannot be stopped from inside the engine, and a thread cannot be
//! killed, so a watchdog ends the process after reporting the page; a template that
//! builds a huge string ends the same way as soon as [`BudgetAllocator`] sees the
//! render hold too much, before the allocation that would abort the process.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io;
use std::path::PathBuf;
use std::sync::{Mutex, Once};
use std::time::{Duration, Instant};

use crate::error::Error;

mod allocator;

pub use allocator::BudgetAllocator;

/// How long one page may take to render. Real pages take milliseconds.
pub const TIME_LIMIT: Duration = Duration::from_secs(5);

/// How large one rendered page may grow. The default theme's largest pages are paged
/// lists well under 1 MiB.
pub const OUTPUT_LIMIT: usize = 32 << 20;

/// How much memory rendering one page may hold, on top of what the site holds.
pub const MEMORY_LIMIT: isize = 256 << 20;

/// How long after [`TIME_LIMIT`] the watchdog waits for the render to stop on its own
/// before it ends the process.
const WATCHDOG_GRACE: Duration = Duration::from_secs(1);

/// What a render that goes past its budget does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreachPolicy {
    /// Report the page and end the process with status 1: a build or check stops at
    /// the first runaway page instead of spending the budget again on every page.
    EndProcess,
    /// Fail the page with [`Error::RenderBudget`] where the engine can be stopped, so
    /// the preview keeps serving every other page.
    ReturnError,
}

/// Which limit a render went past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breach {
    /// It ran past [`TIME_LIMIT`].
    Time,
    /// The page grew past [`OUTPUT_LIMIT`].
    Output,
    /// Rendering held more than [`MEMORY_LIMIT`].
    Memory,
}

impl Breach {
    fn message(self) -> String {
        match self {
            Breach::Time => format!(
                "rendering took longer than {} s, the limit for one page (a loop that never ends?)",
                TIME_LIMIT.as_secs()
            ),
            Breach::Output => format!(
                "the page grew past {} MiB, the limit for one page",
                OUTPUT_LIMIT >> 20
            ),
            Breach::Memory => format!(
                "rendering held more than {} MiB, the limit for one page",
                MEMORY_LIMIT >> 20
            ),
        }
    }
}

/// The render under way on this thread.
struct Active {
    template: PathBuf,
    page: String,
    deadline: Instant,
    breach: Option<Breach>,
    policy: BreachPolicy,
}

thread_local! {
    static ACTIVE: RefCell<Option<Active>> = const { RefCell::new(None) };
    // Read by the allocator, so plain cells with no destructor.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static HELD: Cell<isize> = const { Cell::new(0) };
}

/// Renders under way on any thread, by id, for the watchdog.
static RENDERS: Mutex<Option<HashMap<u64, Watched>>> = Mutex::new(None);
static WATCHDOG: Once = Once::new();

struct Watched {
    template: PathBuf,
    page: String,
    started: Instant,
    policy: BreachPolicy,
}

/// One page's render under budget, from [`PageBudget::start`] until dropped.
pub struct PageBudget {
    id: u64,
    previous: Option<Active>,
    previous_held: isize,
    previous_counting: bool,
}

impl PageBudget {
    /// Starts the clock and the memory count for rendering `page` from `template` (the
    /// path a user would open) on this thread.
    pub fn start(template: PathBuf, page: &str, policy: BreachPolicy) -> PageBudget {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let started = Instant::now();
        WATCHDOG.call_once(|| {
            // Without a watchdog the budget still holds for loops that write or count.
            let _ = std::thread::Builder::new()
                .name("render watchdog".into())
                .spawn(watch);
        });
        if let Ok(mut renders) = RENDERS.lock() {
            renders.get_or_insert_with(HashMap::new).insert(
                id,
                Watched {
                    template: template.clone(),
                    page: page.to_string(),
                    started,
                    policy,
                },
            );
        }
        let active = Active {
            template,
            page: page.to_string(),
            deadline: started + TIME_LIMIT,
            breach: None,
            policy,
        };
        PageBudget {
            id,
            previous: ACTIVE.with(|cell| cell.replace(Some(active))),
            previous_held: HELD.with(|held| held.replace(0)),
            previous_counting: COUNTING.with(|counting| counting.replace(true)),
        }
    }

    /// The limit this render went past, if it did.
    pub fn breach(&self) -> Option<Breach> {
        ACTIVE.with(|cell| cell.borrow().as_ref().and_then(|active| active.breach))
    }

    /// The error for a render that went past `breach`.
    pub fn error(&self, breach: Breach) -> Error {
        ACTIVE.with(|cell| match cell.borrow().as_ref() {
            Some(active) => breach_error(active.template.clone(), &active.page, breach),
            None => Error::Usage(breach.message()),
        })
    }
}

impl Drop for PageBudget {
    fn drop(&mut self) {
        COUNTING.with(|counting| counting.set(self.previous_counting));
        HELD.with(|held| held.set(self.previous_held));
        ACTIVE.with(|cell| *cell.borrow_mut() = self.previous.take());
        if let Ok(mut renders) = RENDERS.lock()
            && let Some(renders) = renders.as_mut()
        {
            renders.remove(&self.id);
        }
    }
}

fn breach_error(template: PathBuf, page: &str, breach: Breach) -> Error {
    Error::RenderBudget {
        template,
        page: page.to_string(),
        message: breach.message(),
    }
}

/// Records `breach` for this thread's render when it has none yet, or ends the process
/// if that is the render's policy.
fn record(breach: Breach) {
    let end = ACTIVE.with(|cell| {
        let Ok(mut active) = cell.try_borrow_mut() else {
            return None;
        };
        let active = active.as_mut()?;
        active.breach.get_or_insert(breach);
        (active.policy == BreachPolicy::EndProcess)
            .then(|| breach_error(active.template.clone(), &active.page, breach))
    });
    if let Some(error) = end {
        stop(&error, BreachPolicy::EndProcess, breach);
    }
}

/// Whether this thread's render is past its deadline; records it if so.
fn past_deadline() -> bool {
    let late = ACTIVE.with(|cell| {
        cell.borrow()
            .as_ref()
            .is_some_and(|active| Instant::now() > active.deadline)
    });
    if late {
        record(Breach::Time);
    }
    late
}

/// The page being rendered, written to memory; fails once it grows past
/// [`OUTPUT_LIMIT`] or the render runs past [`TIME_LIMIT`].
#[derive(Default)]
pub struct BudgetWriter {
    /// What has been written.
    pub bytes: Vec<u8>,
    writes: u32,
}

impl io::Write for BudgetWriter {
    fn write(&mut self, buffer: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + buffer.len() > OUTPUT_LIMIT {
            record(Breach::Output);
            return Err(io::Error::other(Breach::Output.message()));
        }
        // Reading the clock on every small write would cost more than the write.
        self.writes = self.writes.wrapping_add(1);
        if self.writes.is_multiple_of(256) && past_deadline() {
            return Err(io::Error::other(Breach::Time.message()));
        }
        self.bytes.extend_from_slice(buffer);
        Ok(buffer.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The longest list `range()` makes, as in Tera's own.
const RANGE_LIMIT: i128 = 100_000;

/// Tera's `range(end, start=0, step_by=1)`, which also fails once the render is past
/// its deadline, so loops nested over ranges stop as an ordinary error.
pub fn range(kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<Vec<i128>> {
    if past_deadline() {
        return Err(tera::Error::message(Breach::Time.message()));
    }
    let start = kwargs.get::<i128>("start")?.unwrap_or(0);
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    if step == 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    if start > end && step > 0 {
        return Err(tera::Error::message(
            "Function `range` was called with a `start` argument greater than the `end` one",
        ));
    }
    let distance = if step > 0 {
        end.saturating_sub(start)
    } else {
        start.saturating_sub(end)
    };
    let stride = step.saturating_abs();
    let length = if distance <= 0 {
        0
    } else {
        distance.saturating_add(stride - 1) / stride
    };
    if length > RANGE_LIMIT {
        return Err(tera::Error::message(format!(
            "Function `range` would produce {length} elements, more than the limit of {RANGE_LIMIT}"
        )));
    }
    Ok((0..length).map(|index| start + index * step).collect())
}

/// Ends the process once a render has run past its deadline without stopping.
fn watch() {
    loop {
        std::thread::sleep(Duration::from_millis(200));
        let overdue = RENDERS.lock().ok().and_then(|renders| {
            renders.as_ref()?.values().find_map(|render| {
                (render.started.elapsed() > TIME_LIMIT + WATCHDOG_GRACE).then(|| {
                    let error = breach_error(render.template.clone(), &render.page, Breach::Time);
                    (error, render.policy)
                })
            })
        });
        if let Some((error, policy)) = overdue {
            stop(&error, policy, Breach::Time);
        }
    }
}

/// Reports a render that cannot be stopped and ends the process with status 1.
fn stop(error: &Error, policy: BreachPolicy, breach: Breach) -> ! {
    eprintln!("{error}");
    match policy {
        BreachPolicy::EndProcess => {
            eprintln!("error: stopped; the previous output was left untouched")
        }
        BreachPolicy::ReturnError => eprintln!(
            "error: the preview stopped: a render that cannot be interrupted would {}; fix the template and start it again",
            match breach {
                Breach::Memory => "exhaust the memory",
                Breach::Time | Breach::Output => "keep a core busy",
            }
        ),
    }
    std::process::exit(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn the_writer_refuses_a_page_past_the_output_limit() {
        let budget = PageBudget::start(
            PathBuf::from("templates/a.html"),
            "/a/",
            BreachPolicy::ReturnError,
        );
        let mut writer = BudgetWriter::default();
        writer.write_all(&vec![b'x'; OUTPUT_LIMIT]).unwrap();
        assert!(writer.write_all(b"x").is_err());
        assert_eq!(budget.breach(), Some(Breach::Output));
        assert_eq!(
            budget.error(Breach::Output).to_string(),
            "templates/a.html (while rendering /a/): the page grew past 32 MiB, the limit for one page"
        );
    }

    #[test]
    fn a_render_past_its_deadline_is_a_time_breach() {
        let budget = PageBudget::start(
            PathBuf::from("templates/a.html"),
            "/a/",
            BreachPolicy::ReturnError,
        );
        assert!(!past_deadline());
        ACTIVE.with(|cell| {
            if let Some(active) = cell.borrow_mut().as_mut()
                && let Some(earlier) = Instant::now().checked_sub(Duration::from_secs(1))
            {
                active.deadline = earlier;
            }
        });
        assert!(past_deadline());
        assert_eq!(budget.breach(), Some(Breach::Time));
    }

    #[test]
    fn a_budget_ends_with_its_render() {
        {
            let budget = PageBudget::start(
                PathBuf::from("templates/a.html"),
                "/a/",
                BreachPolicy::ReturnError,
            );
            record(Breach::Output);
            assert_eq!(budget.breach(), Some(Breach::Output));
        }
        let next = PageBudget::start(
            PathBuf::from("templates/a.html"),
            "/b/",
            BreachPolicy::ReturnError,
        );
        assert_eq!(next.breach(), None);
    }
}
