//! A newest-first list cut into pages of a fixed size: which articles each page holds
//! and which page holds an article. Pure arithmetic, shared by entity pages and the
//! archive; URLs are `routes`' business.

use std::ops::Range;

/// A list of `len` items in pages of at most `size`; there is always one page, even
/// for an empty list, so every entity keeps its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    len: usize,
    size: usize,
}

impl Paging {
    /// Pages of at most `size` (at least 1) over a list of `len` items.
    pub fn new(len: usize, size: usize) -> Paging {
        Paging {
            len,
            size: size.max(1),
        }
    }

    /// How many pages there are, at least 1.
    pub fn count(&self) -> usize {
        self.len.div_ceil(self.size).max(1)
    }

    /// The positions page `number` (from 1) holds; empty only for an empty list.
    pub fn range(&self, number: usize) -> Range<usize> {
        let start = (number.max(1) - 1).saturating_mul(self.size).min(self.len);
        start..(start + self.size).min(self.len)
    }

    /// The page (from 1) that holds the item at `position`.
    pub fn page_of(&self, position: usize) -> usize {
        position / self.size + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_a_list_into_full_pages_and_a_last_shorter_one() {
        let paging = Paging::new(120, 50);
        assert_eq!(paging.count(), 3);
        assert_eq!(paging.range(1), 0..50);
        assert_eq!(paging.range(3), 100..120);
        assert_eq!(paging.page_of(0), 1);
        assert_eq!(paging.page_of(49), 1);
        assert_eq!(paging.page_of(50), 2);
        assert_eq!(paging.page_of(119), 3);
    }

    #[test]
    fn an_exact_multiple_has_no_empty_last_page() {
        assert_eq!(Paging::new(100, 50).count(), 2);
        assert_eq!(Paging::new(100, 50).range(2), 50..100);
    }

    #[test]
    fn an_empty_list_has_one_empty_page() {
        let paging = Paging::new(0, 50);
        assert_eq!(paging.count(), 1);
        assert!(paging.range(1).is_empty());
    }
}
