//! Paths as keys: one order for every list of paths the crate sorts or searches (that
//! of `Path`, at a fraction of its cost), and tables of values by path in that order.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

/// A key whose order is that of `Path`, which compares clean relative paths component
/// by component: their bytes with each separator below every other byte. Comparing
/// the keys costs a fraction of comparing the paths.
pub fn path_order(path: &Path) -> Vec<u8> {
    ordered_bytes(path).collect()
}

/// Compares two paths in [`path_order`] without making their keys: the bytes up to
/// the first that differ are skipped as they are, and only those two are mapped.
fn compare_in_path_order(a: &Path, b: &Path) -> Ordering {
    let (a, b) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    match a.iter().zip(b).position(|(x, y)| x != y) {
        Some(at) => ordered(a[at]).cmp(&ordered(b[at])),
        None => a.len().cmp(&b.len()),
    }
}

/// The bytes of `path` as [`path_order`] orders them.
fn ordered_bytes(path: &Path) -> impl Iterator<Item = u8> + '_ {
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .copied()
        .map(ordered)
}

/// A byte as [`path_order`] orders it.
fn ordered(byte: u8) -> u8 {
    if byte == b'/' { 0 } else { byte }
}

/// Values by path, in a list in [`path_order`]: a value is found by binary search,
/// where a map of paths hashes every path component by component, and a list given or
/// read back in that order (files listed, outputs, manifests) is a table at once.
/// Written as the list. The paths are owned, or borrowed (`P = &Path`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTable<V, P = PathBuf>(Vec<(P, V)>);

impl<V, P> Default for PathTable<V, P> {
    fn default() -> Self {
        PathTable(Vec::new())
    }
}

impl<V, P: AsRef<Path>> PathTable<V, P> {
    /// The table of `entries`; where a path is given twice, either value may be found.
    pub fn new(mut entries: Vec<(P, V)>) -> PathTable<V, P> {
        // Stable: entries given in sorted runs are merged, not sorted again.
        entries.sort_by(|(a, _), (b, _)| compare_in_path_order(a.as_ref(), b.as_ref()));
        PathTable(entries)
    }

    /// The value at `path`.
    pub fn get(&self, path: &Path) -> Option<&V> {
        let found = self.position(path)?;
        Some(&self.0[found].1)
    }

    /// The value at `path`, to change.
    pub fn get_mut(&mut self, path: &Path) -> Option<&mut V> {
        let found = self.position(path)?;
        Some(&mut self.0[found].1)
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `path` has a value.
    pub fn contains(&self, path: &Path) -> bool {
        self.position(path).is_some()
    }

    /// Every path with its value, sorted by path.
    pub fn entries(&self) -> &[(P, V)] {
        &self.0
    }

    /// The entries, sorted by path.
    pub fn into_entries(self) -> Vec<(P, V)> {
        self.0
    }

    fn position(&self, path: &Path) -> Option<usize> {
        (self.0)
            .binary_search_by(|(entry, _)| compare_in_path_order(entry.as_ref(), path))
            .ok()
    }
}

impl<V, P: AsRef<Path>> FromIterator<(P, V)> for PathTable<V, P> {
    fn from_iter<I: IntoIterator<Item = (P, V)>>(entries: I) -> Self {
        PathTable::new(entries.into_iter().collect())
    }
}

impl<V: serde::Serialize> serde::Serialize for PathTable<V> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, V: serde::Deserialize<'de>> serde::Deserialize<'de> for PathTable<V> {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        Vec::deserialize(deserializer).map(PathTable::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_key_sorts_paths_as_path_does() {
        let mut paths: Vec<PathBuf> = [
            "a-b/index.html",
            "a/b/index.html",
            "a/index.html",
            "a.b",
            "a",
            "ab/c",
            "a/b-c",
            "a/b/c",
            "a/b.c",
            "feed.xml",
            "index.html",
            "people/wang-yi/index.html",
            "people/wang/index.html",
            "people/wang-yi.json",
        ]
        .into_iter()
        .map(PathBuf::from)
        .collect();
        let mut by_key = paths.clone();
        paths.sort();
        by_key.sort_by_cached_key(|path| path_order(path));
        assert_eq!(by_key, paths);
        let mut compared = by_key.clone();
        compared.reverse();
        compared.sort_by(|a, b| compare_in_path_order(a, b));
        assert_eq!(compared, paths);
    }

    #[test]
    fn a_path_table_finds_every_path_given_in_any_order() {
        let paths = [
            "people/wang-yi/index.html",
            "a/b",
            "a-b",
            "a",
            "index.html",
            "a/b/c",
        ];
        let table: PathTable<usize> = (paths.iter().enumerate())
            .map(|(number, path)| (PathBuf::from(path), number))
            .collect();
        for (number, path) in paths.iter().enumerate() {
            assert_eq!(table.get(Path::new(path)), Some(&number), "{path}");
        }
        assert_eq!(table.get(Path::new("a/c")), None);
        assert_eq!(table.len(), paths.len());
        let bytes = rmp_serde::to_vec(&table).unwrap();
        let back: PathTable<usize> = rmp_serde::from_slice(&bytes).unwrap();
        assert_eq!(back, table);
        let borrowed: PathTable<(), &Path> =
            paths.iter().map(|path| (Path::new(path), ())).collect();
        assert!(paths.iter().all(|path| borrowed.contains(Path::new(path))));
        assert!(!borrowed.contains(Path::new("people")));
    }
}
