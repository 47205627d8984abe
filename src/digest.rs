//! Digests of what a result was made from, for caches to know when it is still valid.
//!
//! Every value is written with its length first, so the fields `ab`,`c` and `a`,`bc`
//! give different digests. 128 bits of XXH3: a collision between two inputs of one
//! site is not a practical concern, and hashing is far cheaper than the work a digest
//! stands for.

use xxhash_rust::xxh3::Xxh3;

/// A digest under construction.
#[derive(Clone, Default)]
pub struct Digest(Xxh3);

impl Digest {
    /// An empty digest.
    pub fn new() -> Digest {
        Digest(Xxh3::new())
    }

    /// Adds bytes.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// Adds bytes as they come, without their length: feeding `ab` then `c` is
    /// feeding `abc`.
    pub fn feed(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(bytes);
        self
    }

    /// Adds a string.
    pub fn str(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    /// Adds a number.
    pub fn number(&mut self, number: u128) -> &mut Self {
        self.0.update(&number.to_le_bytes());
        self
    }

    /// Adds a value as serde serializes it (MessagePack): for values that serialize
    /// every field, as derived `Serialize` does, this is all of the value, at a
    /// fraction of what its `Debug` form costs to make.
    pub fn serialized(&mut self, value: &impl serde::Serialize) -> &mut Self {
        struct Feed<'a>(&'a mut Xxh3);
        impl std::io::Write for Feed<'_> {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0.update(bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        // Writing into a hasher cannot fail; a value serde refuses adds only the marker.
        let _ = rmp_serde::encode::write(&mut Feed(&mut self.0), value);
        self.0.update(&[0xfe]);
        self
    }

    /// Adds the `Debug` form of a value: for values whose `Debug` shows every field,
    /// as derived `Debug` does, this is all of the value.
    pub fn debug(&mut self, value: &impl std::fmt::Debug) -> &mut Self {
        use std::fmt::Write;
        struct Feed<'a>(&'a mut Xxh3);
        impl Write for Feed<'_> {
            fn write_str(&mut self, text: &str) -> std::fmt::Result {
                self.0.update(text.as_bytes());
                Ok(())
            }
        }
        // Writing into a hasher cannot fail.
        let _ = write!(Feed(&mut self.0), "{value:?}");
        self.0.update(&[0xff]);
        self
    }

    /// The digest of everything added.
    pub fn finish(&self) -> u128 {
        self.0.digest128()
    }
}
