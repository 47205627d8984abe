//! Co-occurrence: which entities share articles, and how many.

use rayon::slice::ParallelSliceMut;

use super::{Connection, EntityId, EntityKind, SiteIndex};

impl SiteIndex {
    /// Fills each entity's article list and connections from the articles.
    pub(super) fn link_articles(&mut self) {
        // Entities are numbered countries first, then people, so a pair of them packs
        // into one integer. Collecting every pair and sorting is far faster than
        // counting in a hash map on large sites, and gives the same counts.
        let country_count = self.countries.len();
        let number = |id: EntityId| -> u64 {
            let index = match id.kind {
                EntityKind::Country => id.index,
                EntityKind::Person => country_count + id.index,
            };
            index as u64
        };
        let entity_of = |number: u64| -> EntityId {
            let number = number as usize;
            if number < country_count {
                EntityId {
                    kind: EntityKind::Country,
                    index: number,
                }
            } else {
                EntityId {
                    kind: EntityKind::Person,
                    index: number - country_count,
                }
            }
        };
        let mut pairs: Vec<u64> = Vec::new();
        for (position, article) in self.articles.iter().enumerate() {
            let named = article.countries.iter().chain(&article.people);
            for &id in named.clone() {
                match id.kind {
                    EntityKind::Country => self.countries[id.index].articles.push(position),
                    EntityKind::Person => self.people[id.index].articles.push(position),
                }
                for &other in named.clone() {
                    if other != id {
                        pairs.push((number(id) << 32) | number(other));
                    }
                }
            }
        }
        pairs.par_sort_unstable();
        let mut start = 0;
        while start < pairs.len() {
            let owner = pairs[start] >> 32;
            let mut list = Vec::new();
            let mut at = start;
            while at < pairs.len() && pairs[at] >> 32 == owner {
                let pair = pairs[at];
                let mut end = at;
                while end < pairs.len() && pairs[end] == pair {
                    end += 1;
                }
                list.push(Connection {
                    entity: entity_of(pair & 0xffff_ffff),
                    count: end - at,
                });
                at = end;
            }
            list.sort_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then_with(|| self.entity(a.entity).name.cmp(&self.entity(b.entity).name))
                    .then_with(|| a.entity.cmp(&b.entity))
            });
            let id = entity_of(owner);
            match id.kind {
                EntityKind::Country => self.countries[id.index].connections = list,
                EntityKind::Person => self.people[id.index].connections = list,
            }
            start = at;
        }
    }
}
