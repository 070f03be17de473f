//! The post to the system clipboard through the terminal: an OSC 52 sequence, which terminals
//! and tmux (with `set-clipboard on`) pass to the clipboard, over ssh too.

use base64::Engine as _;

/// The most a terminal is known to take in one OSC 52 sequence: hterm (ChromeOS) and the
/// `osc52.sh` script its authors publish stop at 74,994 bytes of base64; xterm, kitty and
/// WezTerm take more. A post past it is not sent cut short: the caller writes a file instead.
pub const LIMIT: usize = 74_994;

/// The sequence that puts `text` on the clipboard, or `None` past [`LIMIT`] (with the size
/// the encoded text would take).
pub fn osc52(text: &str) -> Result<Vec<u8>, usize> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    if encoded.len() > LIMIT {
        return Err(encoded.len());
    }
    let mut seq = b"\x1b]52;c;".to_vec();
    seq.extend_from_slice(encoded.as_bytes());
    // BEL ends it: older terminals and tmux understand it where ST is not.
    seq.push(0x07);
    Ok(seq)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_text_goes_through_as_base64_of_its_utf8() {
        let seq = osc52("資料公開待ち").unwrap();
        let text = String::from_utf8(seq).unwrap();
        let body = text
            .strip_prefix("\x1b]52;c;")
            .and_then(|t| t.strip_suffix('\x07'))
            .unwrap();
        let back = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        assert_eq!(String::from_utf8(back).unwrap(), "資料公開待ち");
    }

    #[test]
    fn past_the_limit_nothing_is_sent() {
        let big = "あ".repeat(30_000);
        assert_eq!(osc52(&big), Err(120_000));
    }
}
