//! The value of a JSON number, computed as serde_json computes it, so that
//! both readers give the same value to the bit (tests/json_differential.rs).
//!
//! serde_json (without its `float_roundtrip` feature) keeps the first
//! significant digits that fit a u64 and multiplies or divides by a power
//! of ten from a table of 309 floats. The same steps here give the same
//! `f64`; the table is worked out when a document first needs it rather
//! than stored (see [`table`]).

/// A number as read: exactly, when it is whole and fits.
pub(super) enum Number {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

impl Number {
    pub(super) fn as_f64(&self) -> f64 {
        match *self {
            Number::Unsigned(n) => n as f64,
            Number::Signed(n) => n as f64,
            Number::Float(n) => n,
        }
    }
}

/// The value of `text`, a number already checked against JSON's grammar
/// (`-`, digits, then an optional fraction and exponent); `None` when it is
/// too large for an `f64`.
///
/// A digit that does not fit the u64 is dropped, with every later digit
/// of its part (integer or fraction). Like serde_json, the fraction's
/// digits are tried again after an integer part that overflowed: in
/// `18446744073709551619.5` the `5` takes the place of the dropped `9`.
pub(super) fn value(text: &[u8], powers: &mut Powers) -> Option<Number> {
    let (negative, text) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let mut significand: u64 = 0;
    // The power of ten `significand` is multiplied by.
    let mut exponent: i32 = 0;
    let mut after_point = false;
    let mut dropping = false;
    let mut rest = text.iter();
    let mut has_exponent = false;
    for &byte in rest.by_ref() {
        match byte {
            b'0'..=b'9' => {
                let more = significand
                    .checked_mul(10)
                    .and_then(|s| s.checked_add(u64::from(byte - b'0')))
                    .filter(|_| !dropping);
                match (more, after_point) {
                    (Some(s), false) => significand = s,
                    (Some(s), true) => {
                        significand = s;
                        exponent -= 1;
                    }
                    (None, false) => {
                        dropping = true;
                        exponent += 1;
                    }
                    (None, true) => dropping = true,
                }
            }
            b'.' => {
                after_point = true;
                dropping = false;
            }
            _ => {
                has_exponent = true;
                break;
            }
        }
    }
    if !(after_point || has_exponent || dropping) {
        return Some(whole(negative, significand));
    }
    if has_exponent {
        let (up, digits) = match rest.as_slice() {
            [b'-', digits @ ..] => (false, digits),
            [b'+', digits @ ..] | digits => (true, digits),
        };
        let mut power: i32 = 0;
        for &d in digits.iter().take_while(|d| d.is_ascii_digit()) {
            match power
                .checked_mul(10)
                .and_then(|p| p.checked_add(i32::from(d - b'0')))
            {
                Some(p) => power = p,
                // An exponent beyond i32: zero, or too large.
                None if significand != 0 && up => return None,
                None => return Some(Number::Float(if negative { -0.0 } else { 0.0 })),
            }
        }
        exponent = if up {
            exponent.saturating_add(power)
        } else {
            exponent.saturating_sub(power)
        };
    }
    let f = scaled(significand, exponent, powers)?;
    Some(Number::Float(if negative { -f } else { f }))
}

/// A number without point or exponent whose digits all fit. As in
/// serde_json, a negative one beyond i64, and `-0`, are floats.
fn whole(negative: bool, significand: u64) -> Number {
    if !negative {
        return Number::Unsigned(significand);
    }
    match (significand as i64).wrapping_neg() {
        n if n < 0 => Number::Signed(n),
        _ => Number::Float(-(significand as f64)),
    }
}

/// `significand × 10^exponent` in serde_json's steps (its `f64_from_parts`).
fn scaled(significand: u64, mut exponent: i32, powers: &mut Powers) -> Option<f64> {
    let mut f = significand as f64;
    loop {
        let n = exponent.unsigned_abs();
        if n <= MAX_POWER {
            if exponent < 0 {
                return Some(f / powers.get(n));
            }
            f *= powers.get(n);
            return (!f.is_infinite()).then_some(f);
        }
        if f == 0.0 {
            return Some(f);
        }
        if exponent > 0 {
            return None;
        }
        f /= 1e308;
        exponent += 308;
    }
}

/// The largest power of ten below `f64::MAX`.
const MAX_POWER: u32 = 308;

/// 10^0 to 10^308, each rounded to the nearest `f64` (ties to even) as the
/// literal `1e{n}` is, so the same as serde_json's table. Empty until a
/// number with a point or an exponent needs one.
#[derive(Default)]
pub(super) struct Powers(Vec<f64>);

impl Powers {
    pub(super) fn get(&mut self, n: u32) -> f64 {
        if self.0.is_empty() {
            self.0 = table();
        }
        self.0.get(n as usize).copied().unwrap_or(f64::INFINITY)
    }
}

/// Each power is the one before times ten: exact up to 10^22, and beyond
/// that the product of the right value and ten rounds to the right power
/// or to one of its two neighbours. `ONE_UP` and `ONE_DOWN` mark the
/// powers that need a step to a neighbour (one bit per power, from bit 0
/// of the first word). Stored as 80 bytes of marks, not 2.4 KB of floats;
/// the test below checks all 309 against the literals.
fn table() -> Vec<f64> {
    let mut power = 1.0f64;
    (0..=MAX_POWER)
        .map(|n| {
            if n > 0 {
                let bits = (power * 10.0).to_bits();
                power = f64::from_bits(if marked(&ONE_UP, n) {
                    bits + 1
                } else if marked(&ONE_DOWN, n) {
                    bits - 1
                } else {
                    bits
                });
            }
            power
        })
        .collect()
}

const ONE_UP: [u64; 5] = [
    0x4004011142000000,
    0x0200040008081020,
    0x1040148100000111,
    0x0900404805200240,
    0x0004004010910010,
];
const ONE_DOWN: [u64; 5] = [
    0x0482202200000000,
    0x0040880400002100,
    0x0088802000000048,
    0x2280a0100a040504,
    0x0000008820028028,
];

fn marked(marks: &[u64; 5], n: u32) -> bool {
    marks
        .get(n as usize / 64)
        .is_some_and(|word| word >> (n % 64) & 1 == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_power_of_ten_is_the_literal_serde_json_holds() {
        let table = table();
        assert_eq!(table.len(), 309);
        for (n, &p) in table.iter().enumerate() {
            let literal: f64 = format!("1e{n}").parse().unwrap();
            assert_eq!(p.to_bits(), literal.to_bits(), "10^{n}");
        }
    }

    /// How the marks were made, so they can be made again.
    #[test]
    fn the_marks_are_where_ten_times_the_power_before_misses() {
        let literal = |n: u32| format!("1e{n}").parse::<f64>().unwrap().to_bits();
        let (mut up, mut down) = ([0u64; 5], [0u64; 5]);
        for n in 1..=MAX_POWER {
            let product = (f64::from_bits(literal(n - 1)) * 10.0).to_bits();
            let (word, bit) = (n as usize / 64, 1u64 << (n % 64));
            match literal(n) {
                right if right == product + 1 => up[word] |= bit,
                right if right + 1 == product => down[word] |= bit,
                right => assert_eq!(right, product, "10^{n} is more than a step away"),
            }
        }
        assert_eq!((up, down), (ONE_UP, ONE_DOWN), "{up:#018x?} {down:#018x?}");
    }
}
