//! The text encoding of a posting list (the sorted positions of the articles holding a
//! word), read by the theme's `search.js`.
//!
//! A list is written in whichever of three forms is shortest: `d` and the gaps between
//! positions, `c` and the gaps between the positions *not* in it (for words in most
//! articles), or `b` and a bitmap of every position. Numbers are base-64 VLQ, as in
//! source maps: each character carries five bits, the sixth says another follows; a
//! bitmap carries six positions per character. All of it is plain ASCII that needs no
//! escaping in JSON.

/// The 64 digits, in the order of their values.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `positions` (strictly increasing, each below `total`) as the shortest of the three
/// forms; an empty list is an empty string.
pub fn encode(positions: &[u32], total: u32) -> String {
    if positions.is_empty() {
        return String::new();
    }
    let gaps = encode_gaps('d', positions.iter().copied());
    let bitmap_len = 1 + (total as usize).div_ceil(6);
    let absent = total as usize - positions.len();
    // The gaps of the complement cost at least one character each; skip making them
    // when that alone loses to what we have.
    let mut best = gaps;
    if absent < best.len() {
        let complement = encode_gaps('c', complement(positions, total));
        if complement.len() < best.len() {
            best = complement;
        }
    }
    if bitmap_len < best.len() {
        best = encode_bitmap(positions, total);
    }
    best
}

/// The positions below `total` that are not in `positions`.
fn complement(positions: &[u32], total: u32) -> impl Iterator<Item = u32> + '_ {
    let mut next = positions.iter().copied().peekable();
    (0..total).filter(move |position| {
        if next.peek() == Some(position) {
            next.next();
            false
        } else {
            true
        }
    })
}

/// `tag`, then the first position and each gap less one, as VLQ numbers.
fn encode_gaps(tag: char, positions: impl Iterator<Item = u32>) -> String {
    let mut text = String::from(tag);
    let mut previous: Option<u32> = None;
    for position in positions {
        let value = match previous {
            None => position,
            Some(previous) => position - previous - 1,
        };
        push_vlq(&mut text, value);
        previous = Some(position);
    }
    text
}

fn push_vlq(text: &mut String, mut value: u32) {
    loop {
        let digit = value & 31;
        value >>= 5;
        if value == 0 {
            text.push(DIGITS[digit as usize] as char);
            return;
        }
        text.push(DIGITS[(digit | 32) as usize] as char);
    }
}

/// `b`, then six positions per character, the lowest bit first.
fn encode_bitmap(positions: &[u32], total: u32) -> String {
    let mut values = vec![0_u8; (total as usize).div_ceil(6)];
    for &position in positions {
        values[position as usize / 6] |= 1 << (position % 6);
    }
    let mut text = String::with_capacity(values.len() + 1);
    text.push('b');
    text.extend(values.iter().map(|&value| DIGITS[value as usize] as char));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reading `search.js` does, written again here to check the writing.
    fn decode(text: &str, total: u32) -> Vec<u32> {
        let digit = |byte: u8| DIGITS.iter().position(|&d| d == byte).unwrap() as u32;
        let Some((&tag, rest)) = text.as_bytes().split_first() else {
            return Vec::new();
        };
        if tag == b'b' {
            return (0..total)
                .filter(|&p| digit(rest[p as usize / 6]) & (1 << (p % 6)) != 0)
                .collect();
        }
        let mut numbers = Vec::new();
        let (mut value, mut shift) = (0, 0);
        for &byte in rest {
            let d = digit(byte);
            value |= (d & 31) << shift;
            shift += 5;
            if d < 32 {
                numbers.push(value);
                (value, shift) = (0, 0);
            }
        }
        let mut positions = Vec::new();
        for (i, number) in numbers.into_iter().enumerate() {
            let last = positions.last().copied();
            positions.push(if i == 0 {
                number
            } else {
                last.unwrap() + number + 1
            });
        }
        if tag == b'c' {
            return (0..total).filter(|p| !positions.contains(p)).collect();
        }
        positions
    }

    #[test]
    fn rare_words_are_gaps_in_vlq() {
        assert_eq!(encode(&[0, 1, 40], 1000), "dAAmB");
        assert_eq!(decode("dAAmB", 1000), [0, 1, 40]);
        assert_eq!(encode(&[], 10), "");
    }

    #[test]
    fn words_in_most_articles_list_the_articles_without_them() {
        let positions: Vec<u32> = (0..1000).filter(|&p| p != 500).collect();
        let text = encode(&positions, 1000);
        assert_eq!(text, "c0P");
        assert_eq!(decode(&text, 1000), positions);
    }

    #[test]
    fn words_in_every_other_article_are_a_bitmap() {
        let positions: Vec<u32> = (0..600).step_by(2).collect();
        let text = encode(&positions, 600);
        assert!(text.starts_with("bV"), "{text}");
        assert_eq!(text.len(), 101);
        assert_eq!(decode(&text, 600), positions);
    }

    #[test]
    fn every_form_reads_back_as_written() {
        for total in [1_u32, 7, 64, 1000] {
            for step in [1_u32, 2, 3, 31, 33, 997] {
                let positions: Vec<u32> = (0..total).step_by(step as usize).collect();
                assert_eq!(decode(&encode(&positions, total), total), positions);
            }
        }
    }
}
