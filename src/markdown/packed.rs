//! Compact forms of what every body keeps for the whole build: its HTML, compressed,
//! and its words, by number. Both are shared bytes, so a model can be rebuilt from
//! cached bodies without copying them, and both are decoded from the cache with one
//! copy.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Text held compressed (lz4): every article's HTML stays in memory for the whole
/// build but is read once or twice, so a large site holds a fraction of the bytes.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PackedText(SharedBytes);

impl PackedText {
    /// Compresses `text`.
    pub fn pack(text: &str) -> PackedText {
        PackedText(SharedBytes(
            lz4_flex::block::compress_prepend_size(text.as_bytes()).into(),
        ))
    }

    /// The compressed bytes: the same text always packs to the same bytes.
    pub fn packed(&self) -> &[u8] {
        &self.0.0
    }

    /// The length of the text, in bytes, without unpacking it.
    pub fn unpacked_len(&self) -> usize {
        self.0
            .0
            .first_chunk::<4>()
            .map_or(0, |length| u32::from_le_bytes(*length) as usize)
    }

    /// The text again.
    pub fn unpack(&self) -> String {
        lz4_flex::block::decompress_size_prepended(&self.0.0)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_default()
    }
}

impl fmt::Display for PackedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.unpack())
    }
}

impl fmt::Debug for PackedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PackedText({:?})", self.unpack())
    }
}

/// The distinct words of a body by their numbers in the site's
/// [`super::Vocabulary`], in increasing order: each as its difference from the one
/// before, in LEB128, after their count. Most take a byte or two.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WordIds(SharedBytes);

impl WordIds {
    /// The distinct numbers of `numbers`, in any order and with repeats.
    pub fn new(mut numbers: Vec<u32>) -> WordIds {
        numbers.sort_unstable();
        numbers.dedup();
        let mut bytes = Vec::with_capacity(numbers.len() * 2 + 2);
        push_leb128(&mut bytes, numbers.len() as u32);
        let mut previous = 0;
        for number in numbers {
            push_leb128(&mut bytes, number - previous);
            previous = number;
        }
        WordIds(SharedBytes(bytes.into()))
    }

    /// How many words there are.
    pub fn len(&self) -> usize {
        read_leb128(&self.0.0).map_or(0, |(count, _)| count as usize)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The numbers, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        let mut rest = read_leb128(&self.0.0).map_or(&[][..], |(_, rest)| rest);
        let mut number = 0u32;
        std::iter::from_fn(move || {
            let (difference, after) = read_leb128(rest)?;
            rest = after;
            number = number.wrapping_add(difference);
            Some(number)
        })
    }
}

impl fmt::Debug for WordIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

fn push_leb128(bytes: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        bytes.push(value as u8 | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

/// The number at the start of `bytes` and what follows it; `None` at the end, or
/// where the bytes hold no whole number.
fn read_leb128(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let mut value = 0u32;
    for (position, &byte) in bytes.iter().enumerate().take(5) {
        value |= u32::from(byte & 0x7f) << (7 * position);
        if byte < 0x80 {
            return Some((value, &bytes[position + 1..]));
        }
    }
    None
}

/// Bytes shared between copies of a body, kept in the cache as one byte string.
#[derive(Clone, PartialEq, Eq, Default)]
struct SharedBytes(Arc<[u8]>);

impl Serialize for SharedBytes {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for SharedBytes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<SharedBytes, D::Error> {
        deserializer.deserialize_bytes(SharedBytesVisitor)
    }
}

/// Takes the bytes as the decoder lends them, copying them once, into their `Arc`: a
/// cache holds every article's text, and each copy more is a fresh page of memory.
struct SharedBytesVisitor;

impl<'de> serde::de::Visitor<'de> for SharedBytesVisitor {
    type Value = SharedBytes;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("bytes")
    }

    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<SharedBytes, E> {
        Ok(SharedBytes(bytes.into()))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<SharedBytes, A::Error> {
        let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(byte) = seq.next_element()? {
            bytes.push(byte);
        }
        Ok(SharedBytes(bytes.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_ids_keep_each_number_once_in_order() {
        let numbers = vec![300, 7, 0, 7, 1 << 20, 127, 128, u32::MAX];
        let ids = WordIds::new(numbers);
        assert_eq!(
            ids.iter().collect::<Vec<_>>(),
            [0, 7, 127, 128, 300, 1 << 20, u32::MAX]
        );
        assert_eq!(ids.len(), 7);
        assert!(WordIds::new(Vec::new()).is_empty());
        assert_eq!(WordIds::default().iter().count(), 0);
    }

    #[test]
    fn word_ids_survive_the_cache_format() {
        let ids = WordIds::new(vec![3, 1, 200]);
        let bytes = rmp_serde::to_vec(&ids).unwrap();
        let back: WordIds = rmp_serde::from_slice(&bytes).unwrap();
        assert_eq!(back, ids);
    }
}
