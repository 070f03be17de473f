//! A bullet's text, shared until it changes: copying the notes (a save's snapshot meeting the
//! next key) copies a pointer per bullet, never the text, and a bullet takes no more room than
//! with a `String` of its own.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Text shared by every copy of a bullet; an edit makes the edited bullet's own.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Text(Arc<str>);

impl Text {
    /// Inserts `s` at byte `at` (a char boundary).
    pub fn insert_str(&mut self, at: usize, s: &str) {
        self.rebuild(at..at, s);
    }

    /// Replaces bytes `range` (on char boundaries) with `s`.
    pub fn replace_range(&mut self, range: std::ops::Range<usize>, s: &str) {
        self.rebuild(range, s);
    }

    /// Appends `s`.
    pub fn push_str(&mut self, s: &str) {
        let end = self.0.len();
        self.rebuild(end..end, s);
    }

    fn rebuild(&mut self, range: std::ops::Range<usize>, s: &str) {
        let old = &*self.0;
        let mut new = String::with_capacity(old.len() - range.len() + s.len());
        new.push_str(&old[..range.start]);
        new.push_str(s);
        new.push_str(&old[range.end..]);
        self.0 = new.into();
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text(s.into())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(s.into())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> Self {
        t.0.to_string()
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        **self == *other.0
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        *self == *other.0
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Text;

    #[test]
    fn edits_change_only_the_copy_edited() {
        let mut a = Text::from("シャード上限");
        let b = a.clone();
        a.insert_str("シャード".len(), "の");
        assert_eq!(a, "シャードの上限");
        assert_eq!(b, "シャード上限");
        a.replace_range(0.."シャード".len(), "Kinesis ");
        assert_eq!(a, "Kinesis の上限");
        a.push_str("!");
        assert_eq!(a, "Kinesis の上限!");
        assert_eq!(a.len(), "Kinesis の上限!".len());
        assert_eq!(&a[..7], "Kinesis");
    }
}
