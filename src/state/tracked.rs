//! A part of the state whose every change is seen: reading goes through `Deref`, changing
//! through `DerefMut`, which takes a new revision. The screen keeps a pane's cells while the
//! revisions of what it reads stand, so no rule kept by hand can forget to say "redraw".

use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Clone)]
pub struct Tracked<T> {
    value: T,
    revision: u64,
}

impl<T> Tracked<T> {
    pub fn new(value: T) -> Self {
        Tracked {
            value,
            revision: next_revision(),
        }
    }

    /// Changes with every mutable access; never the same for two different values, even across
    /// states (another conference opened), as the numbers come from one counter.
    pub fn revision(&self) -> u64 {
        self.revision
    }
}

impl<T: Default> Default for Tracked<T> {
    fn default() -> Self {
        Tracked::new(T::default())
    }
}

impl<T> Deref for Tracked<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for Tracked<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.revision = next_revision();
        &mut self.value
    }
}

/// A revision number never handed out before.
fn next_revision() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_keeps_the_revision_and_any_change_renews_it() {
        let mut t = Tracked::new(vec![1]);
        let first = t.revision();
        assert_eq!(t.len(), 1);
        assert_eq!(t.revision(), first);
        t.push(2);
        let second = t.revision();
        assert_ne!(second, first);
        t[0] = 5;
        assert_ne!(t.revision(), second);
        assert_ne!(Tracked::new(0).revision(), Tracked::new(0).revision());
    }
}
