//! A talk's worth of notes typed through `update`, shared by the render tests: nesting, wrapped
//! Japanese, follow-ups, a paragraph.

#![allow(dead_code)]

use kaigi::action::Action;
use kaigi::state::State;
use kaigi::update::update;

pub fn act(s: &mut State, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        update(s, a);
    }
}

pub fn typed(text: &str) -> Vec<Action> {
    text.chars()
        .map(|c| Action::Insert(c.to_string()))
        .collect()
}

/// A talk's worth of notes: nesting, wrapped Japanese, follow-ups, a paragraph, a folded subtree.
pub fn take_notes(s: &mut State) {
    use Action::*;
    act(s, [SelectNext, OpenNotes]);
    act(s, typed("Kinesis はストリーミング"));
    act(s, [Split, Indent]);
    act(
        s,
        typed(
            "シャード数でスループットが決まる。1 シャードあたり書き込み 1MB/秒、読み取り 2MB/秒の上限がある",
        ),
    );
    act(s, [Split, Indent]);
    act(s, typed("オンデマンドモードなら自動で調整"));
    act(s, [Split, Outdent, Outdent]);
    act(s, typed("Lambda との連携"));
    act(s, [Split, Indent]);
    act(s, typed("バッチサイズ"));
    act(s, [Split]);
    act(s, typed("並列化係数"));
    act(s, [Split, Outdent]);
    act(s, typed("[ ] スライド公開待ち"));
    act(s, [Split]);
    act(s, typed("read the book mentioned"));
    act(
        s,
        [
            CycleFollowUp,
            CycleFollowUp,
            Split,
            CycleFollowUp,
            CycleFollowUp,
            CycleFollowUp,
            ToggleParagraph,
        ],
    );
    act(s, typed("感想: 運用の話が具体的で参考になった。"));
}
