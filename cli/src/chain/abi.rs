//! A contract's metadata — ink!'s version 5, as `rivet build` (and cargo-contract) write
//! it next to the code, or the `.contract` bundle with the code inside: finding
//! constructors and messages, encoding their arguments from command-line text against the
//! `scale-info` types, and decoding return values and events for display.

use std::fmt::Write;
use std::path::{Path, PathBuf};

use scale_info::PortableRegistry;
use scale_value::stringify::custom_parsers::{parse_hex, parse_ss58};

use scale_value::{Value, ValueDef};
use serde_json::Value as Json;

/// The metadata of one contract.
pub struct ContractAbi {
    /// The contract's name.
    pub name: String,
    json: Json,
    types: PortableRegistry,
    /// Where it was read from.
    path: PathBuf,
}

/// A constructor or message.
pub struct Function {
    /// Its label (`new`, `flip`).
    pub label: String,
    /// Its 4-byte selector.
    pub selector: [u8; 4],
    /// Arguments: label, type name as written, type id.
    pub args: Vec<(String, String, u32)>,
    /// The type id of what it returns inside ink!'s `Result<_, LangError>` (`None`: `()`).
    pub return_type: Option<u32>,
    /// Whether it may change state (messages; constructors always do).
    pub mutates: bool,
    /// Whether it accepts value.
    pub payable: bool,
}

/// The metadata path for an artifact: a `.json` or `.contract` as given, or the `.json`
/// next to a blob.
pub fn metadata_path(artifact: &Path) -> PathBuf {
    if artifact.extension().is_some_and(|e| e == "json" || e == "contract") {
        artifact.to_path_buf()
    } else {
        artifact.with_extension("json")
    }
}

impl ContractAbi {
    /// Reads the metadata for `artifact` (a blob or its JSON).
    pub fn load(artifact: &Path) -> Result<ContractAbi, String> {
        let path = metadata_path(artifact);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            format!("{}: {e} (the metadata `rivet build` writes next to the blob)", path.display())
        })?;
        let json: Json = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not contract metadata: {e}", path.display()))?;
        match &json["version"] {
            Json::Number(n) if n.as_u64() == Some(5) => {}
            Json::Null => {
                return Err(format!(
                    "{}: not ink! contract metadata (no `version`; rebuild with `rivet build`)",
                    path.display()
                ))
            }
            v => {
                return Err(format!(
                    "{}: ink! metadata version {v}; rivet reads version 5 (ink! 5)",
                    path.display()
                ))
            }
        }
        let types = serde_json::from_value(serde_json::json!({ "types": json["types"] }))
            .map_err(|e| format!("{}: bad type registry: {e}", path.display()))?;
        let name = json["contract"]["name"].as_str().unwrap_or("contract").to_string();
        Ok(ContractAbi { name, json, types, path })
    }

    /// The contract's code: inside a `.contract` bundle, or the blob next to the `.json`
    /// (`<name>.rvt`). Checked against the metadata's `source.hash`, so metadata and code
    /// from different builds are not mixed up.
    pub fn code(&self) -> Result<Vec<u8>, String> {
        let (code, from) = match self.json["source"]["wasm"].as_str() {
            Some(hex) => {
                let code = parse_bytes(hex)
                    .ok_or_else(|| format!("{}: `source.wasm` is not hex", self.path.display()))?;
                (code, self.path.clone())
            }
            None => {
                let blob = self.path.with_extension("rvt");
                let code = std::fs::read(&blob).map_err(|e| {
                    format!(
                        "{}: {e} (the blob `rivet build` writes next to the metadata)",
                        blob.display()
                    )
                })?;
                (code, blob)
            }
        };
        if let Some(hash) = self.json["source"]["hash"].as_str() {
            let actual = format!("0x{}", hex::encode(sp_crypto_hashing::blake2_256(&code)));
            if !hash.eq_ignore_ascii_case(&actual) {
                return Err(format!(
                    "{}: the code's hash is {actual}, but {} was made for {hash}: rebuild with \
                     `rivet build`",
                    from.display(),
                    self.path.display()
                ));
            }
        }
        Ok(code)
    }

    /// The constructor called `label`.
    pub fn constructor(&self, label: &str) -> Result<Function, String> {
        self.function("constructors", "constructor", label)
    }

    /// The message called `label`.
    pub fn message(&self, label: &str) -> Result<Function, String> {
        self.function("messages", "message", label)
    }

    fn function(&self, section: &str, what: &str, label: &str) -> Result<Function, String> {
        let all = self.json["spec"][section].as_array().map(Vec::as_slice).unwrap_or_default();
        let Some(f) = all.iter().find(|f| f["label"] == label) else {
            let names: Vec<&str> = all.iter().filter_map(|f| f["label"].as_str()).collect();
            return Err(format!(
                "{} has no {what} `{label}` (it has: {})",
                self.name,
                names.join(", ")
            ));
        };
        let selector = parse_bytes(f["selector"].as_str().unwrap_or_default())
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .ok_or_else(|| format!("{what} `{label}`: bad selector in the metadata"))?;
        let args = f["args"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|a| {
                let id = a["type"]["type"].as_u64().ok_or_else(|| {
                    format!("{what} `{label}`: an argument has no type id in the metadata")
                })?;
                let label = a["label"].as_str().unwrap_or("_").to_string();
                Ok((label, self.type_name(id as u32, &a["type"]["displayName"]), id as u32))
            })
            .collect::<Result<_, String>>()?;
        let returns = f["returnType"]["type"]
            .as_u64()
            .ok_or_else(|| format!("{what} `{label}`: no return type in the metadata"))?;
        Ok(Function {
            label: label.to_string(),
            selector,
            args,
            return_type: self.ok_type(returns as u32),
            mutates: f["mutates"].as_bool().unwrap_or(true),
            payable: f["payable"].as_bool().unwrap_or(false),
        })
    }

    /// A type's name for messages: its display name as written (`AccountId`, `Vec`), or
    /// the registry's path.
    fn type_name(&self, id: u32, display: &Json) -> String {
        let written: Vec<&str> =
            display.as_array().into_iter().flatten().filter_map(Json::as_str).collect();
        if !written.is_empty() {
            return written.join("::");
        }
        match self.types.resolve(id) {
            Some(ty) if !ty.path.segments.is_empty() => ty.path.segments.join("::"),
            _ => format!("type {id}"),
        }
    }

    /// `T` of `Result<T, LangError>` (type `id`, what ink!'s metadata gives as a return
    /// type); `None` for `()`.
    fn ok_type(&self, id: u32) -> Option<u32> {
        use scale_info::TypeDef;
        let TypeDef::Variant(v) = &self.types.resolve(id)?.type_def else { return Some(id) };
        let ok = v.variants.iter().find(|v| v.name == "Ok")?.fields.first()?.ty.id;
        match &self.types.resolve(ok)?.type_def {
            TypeDef::Tuple(t) if t.fields.is_empty() => None,
            _ => Some(ok),
        }
    }

    /// The call data: selector, then each argument parsed from `args` (SCALE value syntax:
    /// `true`, `42`, `"text"`, `0x…` bytes, SS58 addresses, `Some(…)`) and encoded as its
    /// type.
    pub fn encode_call(&self, f: &Function, args: &[String]) -> Result<Vec<u8>, String> {
        if args.len() != f.args.len() && f.args.is_empty() {
            return Err(format!("`{}` takes no arguments, got {}", f.label, args.len()));
        }
        if args.len() != f.args.len() {
            let want: Vec<String> = f.args.iter().map(|(l, t, _)| format!("{l}: {t}")).collect();
            return Err(format!(
                "`{}` takes {} argument(s) ({}), got {}",
                f.label,
                f.args.len(),
                want.join(", "),
                args.len()
            ));
        }
        let mut data = f.selector.to_vec();
        for ((label, ty, id), text) in f.args.iter().zip(args) {
            let value = parse_value(text).map_err(|e| format!("argument `{label}`: {e}"))?;
            scale_value::scale::encode_as_type(&value, *id, &self.types, &mut data)
                .map_err(|e| format!("argument `{label}` ({ty}) from `{text}`: {e}"))?;
        }
        Ok(data)
    }

    /// A message's or constructor's output for display: `Result<T, LangError>` decoded
    /// with `T` from the metadata (raw hex if it does not decode).
    pub fn decode_output(&self, f: &Function, data: &[u8]) -> String {
        match data.split_first() {
            Some((0, rest)) => match f.return_type {
                None if rest.is_empty() => "()".to_string(),
                None => format!("() with {} trailing bytes 0x{}", rest.len(), hex::encode(rest)),
                Some(id) => self.decode_exactly(id, rest).unwrap_or_else(|e| {
                    format!("0x{} (does not decode as the declared type: {e})", hex::encode(data))
                }),
            },
            Some((1, [1])) => "LangError::CouldNotReadInput (bad selector or arguments)".into(),
            _ => format!("0x{} (not a `Result<_, LangError>`)", hex::encode(data)),
        }
    }

    /// A contract event for display (`Transfer { from: …, … }`), found by its signature
    /// topic; `None` if the metadata has no such event.
    pub fn decode_event(&self, topics: &[[u8; 32]], data: &[u8]) -> Option<String> {
        let signature = format!("0x{}", hex::encode(topics.first()?));
        let events = self.json["spec"]["events"].as_array()?;
        let event = events.iter().find(|e| e["signature_topic"] == signature.as_str())?;
        let mut input = data;
        let mut fields = Vec::new();
        for f in event["args"].as_array()? {
            let id = f["type"]["type"].as_u64()? as u32;
            let value = scale_value::scale::decode_as_type(&mut input, id, &self.types).ok()?;
            fields.push(format!("{}: {}", f["label"].as_str()?, self.display(&value)));
        }
        if !input.is_empty() {
            return None;
        }
        Some(format!("{} {{ {} }}", event["label"].as_str()?, fields.join(", ")))
    }

    fn decode_exactly(&self, id: u32, data: &[u8]) -> Result<String, String> {
        let mut input = data;
        let value = scale_value::scale::decode_as_type(&mut input, id, &self.types)
            .map_err(|e| e.to_string())?;
        if !input.is_empty() {
            return Err(format!("{} trailing bytes", input.len()));
        }
        Ok(self.display(&value))
    }

    /// A decoded value as text: account ids in SS58, other byte strings in hex.
    fn display(&self, value: &Value<u32>) -> String {
        display_value(value, Some(&self.types))
    }
}

/// `value` as text: account ids (by their type's path) in SS58, byte strings (by their
/// types) in hex, unit enum variants by name.
pub fn display_value(value: &Value<u32>, types: Option<&PortableRegistry>) -> String {
    let types = types.cloned();
    let mut out = String::new();
    let _ = scale_value::stringify::to_writer_custom()
        .compact()
        .add_custom_formatter(move |v: &Value<u32>, w: &mut &mut String| {
            let types = types.as_ref()?;
            if let ValueDef::Variant(variant) = &v.value {
                if variant.values.is_empty() {
                    return Some(w.write_str(&variant.name));
                }
            }
            let account = byte_string(types, v.context)?;
            let bytes = bytes_of(v)?;
            Some(if account && bytes.len() == 32 {
                w.write_str(&subxt::utils::AccountId32(bytes.try_into().ok()?).to_string())
            } else {
                write!(w, "0x{}", hex::encode(bytes))
            })
        })
        .write(value, &mut out);
    out
}

/// If type `id` is a byte string (a sequence or array of `u8`, perhaps in one-field
/// wrappers): whether it is an account id.
fn byte_string(types: &PortableRegistry, id: u32) -> Option<bool> {
    use scale_info::{TypeDef, TypeDefPrimitive};
    let ty = types.resolve(id)?;
    let account = matches!(ty.path.ident().as_deref(), Some("AccountId" | "AccountId32"));
    let element = match &ty.type_def {
        TypeDef::Sequence(s) => s.type_param.id,
        TypeDef::Array(a) => a.type_param.id,
        TypeDef::Composite(c) if c.fields.len() == 1 => {
            return byte_string(types, c.fields[0].ty.id).map(|inner| account || inner);
        }
        _ => return None,
    };
    let is_u8 =
        matches!(types.resolve(element)?.type_def, TypeDef::Primitive(TypeDefPrimitive::U8));
    is_u8.then_some(account)
}

/// The bytes of a value that is a sequence of `u8` (possibly inside one-field wrappers).
fn bytes_of<T>(v: &Value<T>) -> Option<Vec<u8>> {
    let ValueDef::Composite(c) = &v.value else { return None };
    let values: Vec<&Value<T>> = c.values().collect();
    if values.len() == 1 {
        if let Some(inner) = bytes_of(values[0]) {
            return Some(inner);
        }
    }
    values.iter().map(|v| v.as_u128().and_then(|n| u8::try_from(n).ok())).collect()
}

/// One argument in SCALE value syntax, with hex and SS58 literals.
fn parse_value(text: &str) -> Result<Value<()>, String> {
    // scale-value's SS58 parser gives way to its number parser on some addresses.
    let base58 = |c: char| c.is_ascii_alphanumeric() && !"0OIl".contains(c);
    if text.len() >= 40 && text.chars().all(base58) {
        return <subxt::utils::AccountId32 as std::str::FromStr>::from_str(text)
            .map(|account| Value::from_bytes(account.0))
            .map_err(|e| format!("`{text}` is not a valid SS58 address: {e}"));
    }
    let (parsed, rest) = scale_value::stringify::from_str_custom()
        .add_custom_parser(parse_hex)
        .add_custom_parser(parse_ss58)
        .parse(text);
    let value = parsed.map_err(|e| format!("cannot parse `{text}`: {e}"))?;
    if !rest.trim().is_empty() {
        return Err(format!("cannot parse `{text}`: unexpected `{rest}`"));
    }
    Ok(value)
}

/// `0x`-prefixed (or bare) hex.
pub fn parse_bytes(text: &str) -> Option<Vec<u8>> {
    hex::decode(text.strip_prefix("0x").unwrap_or(text)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_parse_as_scale_values() {
        let bob = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
        let v = parse_value(bob).unwrap();
        assert_eq!(
            hex::encode(bytes_of(&v).unwrap()),
            "8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48"
        );
        let typo = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694tz";
        assert!(parse_value(typo).unwrap_err().contains("not a valid SS58 address"));
        assert_eq!(parse_value("42").unwrap(), Value::u128(42));
        assert_eq!(bytes_of(&parse_value("0x0102").unwrap()).unwrap(), vec![1, 2]);
        assert!(parse_value("12 13").unwrap_err().contains("unexpected"));
    }
}
