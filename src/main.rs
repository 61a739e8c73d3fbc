//! The `tk` binary: everything lives in the library, except the allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The system allocator until tk does bulk work, mimalloc from then on:
/// docs/performance.md, start-up.
#[global_allocator]
static ALLOCATOR: StartThenBulk = StartThenBulk::new();

/// The number of allocations that means bulk work. `tk --version` makes
/// about 670 and `tk list` without tickets about 1,100; a list of 10,000
/// tickets makes 66,000.
const BULK_COUNT: usize = 4096;

/// The size of an allocation that means bulk work: reading a large file
/// or building a large index. Nothing tk does at start-up asks for more
/// than 64 KiB at once.
const BULK_SIZE: usize = 256 << 10;

/// Where glibc's two kinds of memory part: its heap (`brk`) lies below this
/// address in a position-dependent binary, its `mmap`ed blocks and thread
/// arenas above. One range for each keeps mimalloc's arena (mapped from
/// 2 TiB up) out of both; in a position-independent build both lie in the
/// upper range, still above the arena.
const LOW_HIGH: usize = 1 << 40;

// mimalloc's own test of a block, compiled into the mimalloc that the
// mimalloc crate links (its "extended" API, which libmimalloc-sys declares
// only with a feature that would rebuild it).
unsafe extern "C" {
    fn mi_is_in_heap_region(p: *const std::ffi::c_void) -> bool;
}

/// Allocates from the system allocator (glibc) until tk does bulk work
/// (its [`BULK_COUNT`]th allocation, or one of [`BULK_SIZE`] bytes or
/// more), then from mimalloc.
///
/// Listing 100k tickets allocates and frees millions of small strings, and
/// mimalloc does that markedly faster (19 % less CPU for `tk list` at
/// 100k). But its first allocation maps a 1 GiB arena and faults two 2 MiB
/// huge pages, which the kernel zeroes: about 0.45 ms of every command's
/// start-up, where the system allocator touches only what is used.
///
/// A block is freed or resized by the allocator that made it. Every block
/// glibc makes before the switch lies in one of two address ranges,
/// recorded as it is made; after the switch glibc makes no more (a glibc
/// block resized after it moves to mimalloc). So a block outside both
/// ranges is mimalloc's without asking, and only one inside them is
/// tested with `mi_is_in_heap_region`, which is right even if mimalloc's
/// memory falls inside a range.
struct StartThenBulk {
    /// Set, and never cleared, when bulk work starts.
    bulk: AtomicBool,
    /// Allocations and resizes so far, until bulk work starts. Counted with
    /// a load and a store, not an atomic add: an update lost to a race
    /// only moves the switch by one allocation.
    count: AtomicUsize,
    /// The range of glibc's blocks below [`LOW_HIGH`].
    low: Span,
    /// The range of glibc's blocks from [`LOW_HIGH`] up.
    high: Span,
}

/// An address range `start..end`, only ever widened; empty when `start`
/// is above `end`.
struct Span {
    start: AtomicUsize,
    end: AtomicUsize,
}

impl Span {
    /// Returns an empty range.
    const fn new() -> Span {
        Span {
            start: AtomicUsize::new(usize::MAX),
            end: AtomicUsize::new(0),
        }
    }

    /// Widens the range to hold `size` bytes at `address`.
    fn include(&self, address: usize, size: usize) {
        self.start.fetch_min(address, Ordering::Relaxed);
        self.end
            .fetch_max(address.saturating_add(size), Ordering::Relaxed);
    }

    /// Returns whether `address` is in the range.
    #[inline]
    fn holds(&self, address: usize) -> bool {
        self.start.load(Ordering::Relaxed) <= address && address < self.end.load(Ordering::Relaxed)
    }
}

impl StartThenBulk {
    /// Returns the allocator, on the system allocator.
    const fn new() -> StartThenBulk {
        StartThenBulk {
            bulk: AtomicBool::new(false),
            count: AtomicUsize::new(0),
            low: Span::new(),
            high: Span::new(),
        }
    }

    /// Returns whether an allocation of `size` bytes comes from mimalloc,
    /// switching to it when bulk work starts. Relaxed is enough: a thread
    /// handed a block (through whatever synchronises the handing) sees the
    /// flag and the ranges as they were when the block was made.
    #[inline]
    fn bulk(&self, size: usize) -> bool {
        if self.bulk.load(Ordering::Relaxed) {
            return true;
        }
        let count = self.count.load(Ordering::Relaxed) + 1;
        self.count.store(count, Ordering::Relaxed);
        if size >= BULK_SIZE || count >= BULK_COUNT {
            self.bulk.store(true, Ordering::Relaxed);
            return true;
        }
        false
    }

    /// Records a block glibc made (nothing for a failed allocation).
    #[inline]
    fn made_by_system(&self, ptr: *mut u8, size: usize) -> *mut u8 {
        if !ptr.is_null() {
            let address = ptr as usize;
            let span = if address < LOW_HIGH {
                &self.low
            } else {
                &self.high
            };
            span.include(address, size);
        }
        ptr
    }

    /// Returns whether mimalloc made the block at `ptr`.
    #[inline]
    fn mimalloc_owns(&self, ptr: *mut u8) -> bool {
        if !self.bulk.load(Ordering::Relaxed) {
            return false;
        }
        let address = ptr as usize;
        if !self.low.holds(address) && !self.high.holds(address) {
            return true;
        }
        // SAFETY: mi_is_in_heap_region only compares the address with
        // mimalloc's arenas and segment map; it never reads the block.
        unsafe { mi_is_in_heap_region(ptr.cast_const().cast()) }
    }
}

// SAFETY: every block comes from System or mimalloc, both global allocators
// that uphold GlobalAlloc's contract, and is freed or resized by the one
// that made it (`mimalloc_owns`).
unsafe impl GlobalAlloc for StartThenBulk {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if self.bulk(layout.size()) {
            // SAFETY: the caller's layout contract is passed on unchanged.
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        } else {
            // SAFETY: as above.
            self.made_by_system(unsafe { System.alloc(layout) }, layout.size())
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if self.bulk(layout.size()) {
            // SAFETY: the caller's layout contract is passed on unchanged.
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        } else {
            // SAFETY: as above.
            self.made_by_system(unsafe { System.alloc_zeroed(layout) }, layout.size())
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if self.mimalloc_owns(ptr) {
            // SAFETY: mimalloc made this block with this layout.
            unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
        } else {
            // SAFETY: System made this block with this layout.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if self.mimalloc_owns(ptr) {
            // SAFETY: mimalloc made this block with this layout.
            return unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) };
        }
        if !self.bulk(new_size) {
            // SAFETY: System made this block with this layout.
            return self.made_by_system(unsafe { System.realloc(ptr, layout, new_size) }, new_size);
        }
        // After the switch glibc makes no block outside its ranges: the
        // block moves to mimalloc.
        let new_layout = Layout::from_size_align(new_size, layout.align())
            .expect("a valid layout because realloc's caller guarantees it");
        // SAFETY: the new layout has the caller's non-zero size and align.
        let moved = unsafe { mimalloc::MiMalloc.alloc(new_layout) };
        if !moved.is_null() {
            // SAFETY: both blocks hold at least the smaller size, and they
            // are distinct; System made `ptr` with `layout`.
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                System.dealloc(ptr, layout);
            }
        }
        moved
    }
}

fn main() -> std::process::ExitCode {
    tk::cli::run()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Returns whether mimalloc made the block at `ptr`, asking mimalloc.
    fn mimalloc_made(ptr: *mut u8) -> bool {
        // SAFETY: as in mimalloc_owns.
        unsafe { mi_is_in_heap_region(ptr.cast_const().cast()) }
    }

    /// Allocates `size` bytes through `allocator`, returning the block, its
    /// layout and whether mimalloc made it.
    fn allocate(allocator: &StartThenBulk, size: usize) -> (*mut u8, Layout, bool) {
        let layout =
            Layout::from_size_align(size, 8).expect("a valid layout because 8 is a power of two");
        // SAFETY: the layout has a non-zero size.
        let ptr = unsafe { allocator.alloc(layout) };
        assert!(!ptr.is_null());
        (ptr, layout, mimalloc_made(ptr))
    }

    #[test]
    fn small_blocks_come_from_the_system_until_a_bulk_allocation_then_from_mimalloc() {
        // Its own instance: the test binary's global allocator is this one
        // too, but its state is not this test's.
        let allocator = StartThenBulk::new();
        let (early, early_layout, early_mimalloc) = allocate(&allocator, 64);
        assert!(
            !early_mimalloc,
            "a start-up block comes from the system allocator"
        );
        assert!(!allocator.mimalloc_owns(early));
        // SAFETY: `early` was made by `allocator` with `early_layout`.
        unsafe { early.write_bytes(7, 64) };
        let (big, big_layout, big_mimalloc) = allocate(&allocator, BULK_SIZE);
        assert!(big_mimalloc, "a bulk allocation switches to mimalloc");
        assert!(allocator.mimalloc_owns(big));
        assert!(
            !allocator.mimalloc_owns(early),
            "an early block stays the system's"
        );
        // SAFETY: each block was made by `allocator` with its layout.
        unsafe {
            // Resizing a system block after the switch moves it to mimalloc
            // with its bytes.
            let moved = allocator.realloc(early, early_layout, 4096);
            assert!(mimalloc_made(moved) && allocator.mimalloc_owns(moved));
            assert_eq!(*moved.add(63), 7, "a moved block keeps its bytes");
            allocator.dealloc(
                moved,
                Layout::from_size_align(4096, 8).expect("a valid layout"),
            );
            allocator.dealloc(big, big_layout);
        }
    }

    #[test]
    fn many_small_allocations_switch_to_mimalloc_and_early_blocks_go_back_to_the_system() {
        let allocator = StartThenBulk::new();
        let blocks: Vec<_> = (0..BULK_COUNT).map(|_| allocate(&allocator, 32)).collect();
        let from_mimalloc = blocks.iter().filter(|(_, _, mimalloc)| *mimalloc).count();
        assert_eq!(
            from_mimalloc, 1,
            "the {BULK_COUNT}th allocation is the first from mimalloc"
        );
        assert!(blocks[BULK_COUNT - 1].2);
        for (ptr, layout, mimalloc) in blocks {
            assert_eq!(allocator.mimalloc_owns(ptr), mimalloc);
            // SAFETY: each block was made by `allocator` with its layout.
            unsafe { allocator.dealloc(ptr, layout) };
        }
    }

    #[test]
    fn a_system_block_resized_before_the_switch_stays_the_systems() {
        let allocator = StartThenBulk::new();
        let (block, layout, _) = allocate(&allocator, 16);
        // SAFETY: `block` was made by `allocator` with `layout`.
        let grown = unsafe { allocator.realloc(block, layout, 1024) };
        assert!(!mimalloc_made(grown));
        let (big, big_layout, switched) = allocate(&allocator, BULK_SIZE);
        assert!(switched);
        assert!(
            !allocator.mimalloc_owns(grown),
            "its new address is in the recorded range"
        );
        // SAFETY: as above, with the grown layout; `big` with its own.
        unsafe {
            allocator.dealloc(
                grown,
                Layout::from_size_align(1024, 8).expect("a valid layout"),
            );
            allocator.dealloc(big, big_layout);
        }
    }
}
