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
    /// fraction of what its `Debug` form costs to make. The value is serialized whole,
    /// then hashed at once: the encoder's many small writes fed to the hasher one by
    /// one cost more than the hashing.
    pub fn serialized(&mut self, value: &impl serde::Serialize) -> &mut Self {
        let mut encoded = Vec::with_capacity(512);
        // Writing into memory cannot fail; a value serde refuses adds only the marker.
        let _ = rmp_serde::encode::write(&mut encoded, value);
        self.0.update(&encoded);
        self.0.update(&[0xfe]);
        self
    }

    /// Adds the `Debug` form of a value: for values whose `Debug` shows every field,
    /// as derived `Debug` does, this is all of the value. Formatted whole, then
    /// hashed at once, as [`Digest::serialized`] is.
    pub fn debug(&mut self, value: &impl std::fmt::Debug) -> &mut Self {
        self.0.update(format!("{value:?}").as_bytes());
        self.0.update(&[0xff]);
        self
    }

    /// The digest of everything added.
    pub fn finish(&self) -> u128 {
        self.0.digest128()
    }
}
