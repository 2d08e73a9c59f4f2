//! Reading: JSON text into any serde type, straight from the text (no
//! intermediate tree). Strings without escapes are borrowed, not copied.

use super::number::{self, Number, Powers};
use super::{Error, MAX_DEPTH};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use std::borrow::Cow;

/// Reads `text` as a `T`. The whole text must be one JSON value.
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T, Error> {
    let mut de = Deserializer {
        text,
        pos: 0,
        depth: 0,
        powers: Powers::default(),
    };
    let value = T::deserialize(&mut de)?;
    de.skip_whitespace();
    if de.pos < text.len() {
        return Err(de.syntax("unexpected text after the value"));
    }
    Ok(value)
}

struct Deserializer<'de> {
    text: &'de str,
    /// Byte offset of the next unread byte; always on a character boundary
    /// where the text is sliced (only ever at ASCII bytes).
    pos: usize,
    /// Arrays and objects open around `pos`.
    depth: usize,
    /// Powers of ten for numbers with a point or an exponent.
    powers: Powers,
}

impl<'de> Deserializer<'de> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.pos += 1;
        }
    }

    /// The next byte that is not whitespace, left unread.
    fn next_token(&mut self) -> Result<u8, Error> {
        self.skip_whitespace();
        self.peek()
            .ok_or_else(|| self.syntax("the text ends too early"))
    }

    fn syntax(&self, what: &str) -> Error {
        Error::syntax(what, self.pos)
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), Error> {
        if self.next_token()? == byte {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax(what))
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), Error> {
        if self.text.as_bytes()[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.syntax("expected a value"))
        }
    }

    /// A number that must be whole: reports `1.5` or `"1"` in words.
    fn whole_number(&mut self) -> Result<Number, Error> {
        match self.next_token()? {
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(wrong_type("a whole number")),
        }
    }

    /// Steps into an array or object (its opening bracket is next).
    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.syntax("nested too deeply"));
        }
        self.pos += 1;
        Ok(())
    }

    fn leave(&mut self, close: u8, what: &str) -> Result<(), Error> {
        self.expect(close, what)?;
        self.depth -= 1;
        Ok(())
    }

    /// Reads a string; its opening quote is next. With `keep` false it is
    /// only checked and skipped, as serde_json skips a string nobody keeps:
    /// its escapes must be well formed, but a `\u` escape may be half a
    /// surrogate pair (refused only in a string that is kept).
    fn string(&mut self, keep: bool) -> Result<Cow<'de, str>, Error> {
        let text = self.text;
        let bytes = text.as_bytes();
        self.pos += 1;
        let mut owned: Option<String> = None;
        // Start of the stretch not yet copied into `owned`.
        let mut run = self.pos;
        loop {
            let Some(&byte) = bytes.get(self.pos) else {
                return Err(self.syntax("a string is not closed"));
            };
            match byte {
                b'"' => {
                    let tail = &text[run..self.pos];
                    self.pos += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(tail),
                        Some(mut s) => {
                            s.push_str(tail);
                            Cow::Owned(s)
                        }
                    });
                }
                b'\\' => {
                    let backslash = self.pos;
                    let escape = bytes.get(self.pos + 1).copied();
                    self.pos += 2;
                    let c = match escape {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') if keep => self.unicode_escape()?,
                        // Skipped: its four digits are checked, nothing more.
                        Some(b'u') => self.hex4().map(|_| ' ')?,
                        _ => return Err(self.syntax("a string has an unknown escape")),
                    };
                    if keep {
                        let s = owned.get_or_insert_with(String::new);
                        s.push_str(&text[run..backslash]);
                        s.push(c);
                    }
                    run = self.pos;
                }
                0..=0x1f => return Err(self.syntax("a string holds a control character")),
                _ => self.pos += 1,
            }
        }
    }

    /// Reads an object's key and the colon after it.
    fn key(&mut self, keep: bool) -> Result<Cow<'de, str>, Error> {
        if self.next_token()? != b'"' {
            return Err(self.syntax("expected a key in quotes"));
        }
        let key = self.string(keep)?;
        self.expect(b':', "expected a colon after a key")?;
        Ok(key)
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let digits = self.text.as_bytes().get(self.pos..self.pos + 4);
        let mut n = 0;
        for &d in digits.ok_or_else(|| self.syntax("a \\u escape is cut short"))? {
            let d = (d as char)
                .to_digit(16)
                .ok_or_else(|| self.syntax("a \\u escape is not hexadecimal"))?;
            n = n * 16 + d;
        }
        self.pos += 4;
        Ok(n)
    }

    /// The character of a `\uXXXX` escape (its `\u` is read), joining a
    /// surrogate pair written as two escapes.
    fn unicode_escape(&mut self) -> Result<char, Error> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if !self.text.as_bytes()[self.pos..].starts_with(b"\\u") {
                return Err(self.syntax("a \\u escape is half a character"));
            }
            self.pos += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.syntax("a \\u escape is half a character"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.syntax("a \\u escape is half a character"))
    }

    /// Reads past a number, checking its grammar only (RFC 8259), as
    /// serde_json skips a number nobody keeps: one too large for an `f64`
    /// is still a number.
    fn skip_number(&mut self) -> Result<(), Error> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.skip_digits(),
            _ => return Err(self.syntax("expected a value")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.syntax("a number has no digits after its point"));
            }
            self.skip_digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'-' | b'+')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.syntax("a number has no digits in its exponent"));
            }
            self.skip_digits();
        }
        Ok(())
    }

    fn skip_digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    /// Reads a number: whole numbers exactly, others as serde_json does
    /// (see [`number::value`]).
    fn number(&mut self) -> Result<Number, Error> {
        let start = self.pos;
        self.skip_number()?;
        let text = &self.text.as_bytes()[start..self.pos];
        number::value(text, &mut self.powers)
            .ok_or_else(|| Error::syntax("a number is too large", start))
    }

    /// Reads past a value of any kind, checking it is JSON, as serde_json
    /// does for a value nobody keeps (an unknown field, say): numbers by
    /// their grammar and strings without joining `\u` escapes. Nesting is
    /// still limited to [`MAX_DEPTH`], which serde_json does not limit here.
    fn skip_value(&mut self) -> Result<(), Error> {
        let close = match self.next_token()? {
            b'n' => return self.literal("null"),
            b't' => return self.literal("true"),
            b'f' => return self.literal("false"),
            b'"' => return self.string(false).map(drop),
            b'[' => b']',
            b'{' => b'}',
            _ => return self.skip_number(),
        };
        self.enter()?;
        let mut first = true;
        while more(self, &mut first, close)? {
            if close == b'}' {
                self.key(false)?;
            }
            self.skip_value()?;
        }
        self.leave(close, "expected a comma or the end of a list or object")
    }
}

/// A value of the wrong kind is next (valid JSON, so not a syntax error).
fn wrong_type(expected: &str) -> Error {
    Error::message(format!("expected {expected}"))
}

/// Is there another element before `close`? Reads the comma between.
fn more(de: &mut Deserializer<'_>, first: &mut bool, close: u8) -> Result<bool, Error> {
    let token = de.next_token()?;
    if token == close {
        return Ok(false);
    }
    if !*first {
        if token != b',' {
            return Err(de.syntax("expected a comma"));
        }
        de.pos += 1;
    }
    *first = false;
    Ok(true)
}

/// A key or variant name as a value to deserialize.
fn key_deserializer(key: Cow<'_, str>) -> de::value::CowStrDeserializer<'_, Error> {
    key.into_deserializer()
}

/// Methods that read their type as another method does.
macro_rules! same_as {
    ($($($method:ident),+ => $target:ident;)*) => {$($(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.$target(visitor)
        }
    )+)*};
}

// Each method calls only the one visitor method its type expects and
// reports any other value itself: calling a visitor's other methods (as a
// `deserialize_any` for everything would) makes the compiler keep each
// visitor's error code for every kind of value, which cost more than
// serde_json did.
impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.next_token()? {
            b'n' => self.deserialize_unit(visitor),
            b't' | b'f' => self.deserialize_bool(visitor),
            b'"' => self.deserialize_str(visitor),
            b'[' => self.deserialize_seq(visitor),
            b'{' => self.deserialize_map(visitor),
            _ => match self.number()? {
                Number::Unsigned(n) => visitor.visit_u64(n),
                Number::Signed(n) => visitor.visit_i64(n),
                Number::Float(n) => visitor.visit_f64(n),
            },
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.next_token()? {
            b't' => {
                self.literal("true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal("false")?;
                visitor.visit_bool(false)
            }
            _ => Err(wrong_type("true or false")),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.whole_number()? {
            Number::Unsigned(n) => visitor.visit_u64(n),
            _ => Err(Error::message("expected a whole number, not below zero")),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.whole_number()? {
            Number::Unsigned(n) => visitor.visit_u64(n),
            Number::Signed(n) => visitor.visit_i64(n),
            Number::Float(_) => Err(Error::message("expected a whole number")),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.next_token()? {
            b'-' | b'0'..=b'9' => visitor.visit_f64(self.number()?.as_f64()),
            _ => Err(wrong_type("a number")),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.next_token()? != b'"' {
            return Err(wrong_type("a string"));
        }
        match self.string(true)? {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.next_token()? != b'n' {
            return Err(wrong_type("null"));
        }
        self.literal("null")?;
        visitor.visit_unit()
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.next_token()? != b'[' {
            return Err(wrong_type("a list"));
        }
        self.enter()?;
        let value = visitor.visit_seq(Seq {
            de: &mut *self,
            first: true,
        })?;
        self.leave(b']', "expected a comma or ]")?;
        Ok(value)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.next_token()? != b'{' {
            return Err(wrong_type("an object"));
        }
        self.enter()?;
        let value = visitor.visit_map(Map {
            de: &mut *self,
            first: true,
            key: Cow::Borrowed(""),
        })?;
        self.leave(b'}', "expected a comma or }")?;
        Ok(value)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.next_token()? == b'n' {
            self.literal("null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip_value()?;
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// An enum is a string (a unit variant) or an object with one key, the
    /// variant, holding its value: `"certain"`, `{"text":"…"}`.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.next_token()? {
            b'"' => visitor.visit_enum(key_deserializer(self.string(true)?)),
            b'{' => {
                self.enter()?;
                let value = visitor.visit_enum(Variant {
                    de: &mut *self,
                    key: Cow::Borrowed(""),
                })?;
                self.leave(b'}', "expected } after the value")?;
                Ok(value)
            }
            _ => Err(wrong_type("a string or an object")),
        }
    }

    same_as! {
        deserialize_u8, deserialize_u16, deserialize_u32 => deserialize_u64;
        deserialize_i8, deserialize_i16, deserialize_i32 => deserialize_i64;
        deserialize_f32 => deserialize_f64;
        deserialize_char, deserialize_string, deserialize_identifier => deserialize_str;
        deserialize_bytes, deserialize_byte_buf => deserialize_seq;
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }
}

struct Seq<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Seq<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if !more(self.de, &mut self.first, b']')? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.de).map(Some)
    }
}

struct Map<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    first: bool,
    /// The key whose value is read next, to say where an error is.
    key: Cow<'de, str>,
}

impl<'de> de::MapAccess<'de> for Map<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if !more(self.de, &mut self.first, b'}')? {
            return Ok(None);
        }
        self.key = self.de.key(true)?;
        seed.deserialize(key_deserializer(self.key.clone()))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.de)
            .map_err(|e| e.inside(&self.key))
    }
}

/// The `{"variant": value}` form of an enum.
struct Variant<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    key: Cow<'de, str>,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(mut self, seed: V) -> Result<(V::Value, Self), Error> {
        self.key = self.de.key(true)?;
        let variant = seed.deserialize(key_deserializer(self.key.clone()))?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(&mut *self.de).map_err(|e: Error| e.inside(&self.key))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(&mut *self.de)
            .map_err(|e| e.inside(&self.key))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(&mut *self.de, visitor).map_err(|e| e.inside(&self.key))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(&mut *self.de, visitor).map_err(|e| e.inside(&self.key))
    }
}
