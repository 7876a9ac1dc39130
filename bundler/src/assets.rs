//! An app's images, fonts and SVGs: how they arrive in `files` (text, base64, a data URL), the
//! limits on them, the content-hashed names they are served under, and the CSS `url()`s that
//! point at them.
//!
//! A bundle does not know where it will be served, so it names its assets relative to its
//! script: the module runtime turns `appbundle-asset:<name>` (in CSS) and `require.asset`
//! (in scripts) into `<script URL without .js>/assets/<name>`: `/bundle/<hash>/assets/…` from
//! the service, `app/assets/…` in a published site.

use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Largest asset, decoded.
pub const MAX_ASSET_BYTES: usize = 512 * 1024;
/// Largest sum of an app's assets, decoded.
pub const MAX_ASSETS_BYTES: usize = 2 * 1024 * 1024;

/// What CSS says for an asset before the runtime knows where assets are served.
pub const CSS_ASSET_PREFIX: &str = "appbundle-asset:";

/// One file of a request as sent: text, or content in an encoding (`{ "content": "iVBOR…",
/// "encoding": "base64" }`). A text file of an asset type may also be a data URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FileContent {
    /// UTF-8 text (a script, a stylesheet, SVG markup, or a `data:` URL).
    Text(String),
    /// Content in an encoding.
    Encoded {
        /// The encoded content.
        content: String,
        /// How it is encoded.
        encoding: Encoding,
    },
}

/// How [`FileContent::Encoded`] content is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// Standard base64 (padding optional).
    Base64,
    /// Plain UTF-8, as [`FileContent::Text`].
    Utf8,
}

impl FileContent {
    /// Text files (path → text) as a request's files.
    pub fn texts<K: Into<String>, V: Into<String>>(
        files: impl IntoIterator<Item = (K, V)>,
    ) -> std::collections::BTreeMap<String, FileContent> {
        files
            .into_iter()
            .map(|(path, text)| (path.into(), FileContent::Text(text.into())))
            .collect()
    }
}

impl From<String> for FileContent {
    fn from(text: String) -> Self {
        FileContent::Text(text)
    }
}

impl From<&str> for FileContent {
    fn from(text: &str) -> Self {
        FileContent::Text(text.to_string())
    }
}

/// The media type of an asset file, by extension; `None` for anything else.
pub fn mime_of(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.').map(|(_, e)| e)?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "bmp" => "image/bmp",
        "svg" => "image/svg+xml",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        _ => return None,
    })
}

/// A decoded asset and the name it is served under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its media type.
    pub mime: &'static str,
    /// `logo.3f2a9c1d.png`: its stem, a hash of its bytes, its extension.
    pub name: String,
}

/// A request file, decoded.
pub enum Decoded {
    Text(String),
    Asset(Asset),
}

/// Decodes `content` of the file at `path`; `Err` says why it cannot be read.
pub fn decode(path: &str, content: &FileContent) -> Result<Decoded, String> {
    let mime = mime_of(path);
    let bytes = match content {
        FileContent::Text(text) => match (mime, data_url(text)) {
            (Some(_), Some(decoded)) => decoded?,
            // SVG is markup: its text is the file.
            (Some("image/svg+xml"), None) => text.as_bytes().to_vec(),
            (Some(_), None) => {
                return Err(
                    "is binary: send it as `{ \"content\": \"<base64>\", \"encoding\": \"base64\" }` or as a data URL"
                        .into(),
                )
            }
            (None, _) => return Ok(Decoded::Text(text.clone())),
        },
        FileContent::Encoded {
            content,
            encoding: Encoding::Utf8,
        } => content.as_bytes().to_vec(),
        FileContent::Encoded {
            content,
            encoding: Encoding::Base64,
        } => base64_bytes(content)?,
    };
    match mime {
        Some(mime) => Ok(Decoded::Asset(Asset {
            name: hashed_name(path, &bytes),
            bytes,
            mime,
        })),
        None => String::from_utf8(bytes)
            .map(Decoded::Text)
            .map_err(|_| "is not UTF-8 text once decoded".to_string()),
    }
}

fn base64_bytes(encoded: &str) -> Result<Vec<u8>, String> {
    let compact: String = encoded
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD_NO_PAD
        .decode(compact.trim_end_matches('='))
        .map_err(|e| format!("is not valid base64: {e}"))
}

/// The bytes of a `data:[<type>][;base64],<data>` URL; `None` if `text` is not one.
fn data_url(text: &str) -> Option<Result<Vec<u8>, String>> {
    let rest = text.trim().strip_prefix("data:")?;
    let Some((header, data)) = rest.split_once(',') else {
        return Some(Err("is a data URL without a `,`".into()));
    };
    Some(
        if header.split(';').any(|p| p.eq_ignore_ascii_case("base64")) {
            base64_bytes(data)
        } else {
            Ok(percent_encoding::percent_decode_str(data).collect())
        },
    )
}

/// `images/logo.png` with bytes → `logo.<8 hex of SHA-256>.png`.
fn hashed_name(path: &str, bytes: &[u8]) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    let digest = Sha256::digest(bytes);
    let hash: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("{stem}.{hash}.{}", ext.to_ascii_lowercase())
}

/// One `url(…)` of a stylesheet that names a file of the app.
#[derive(Debug, PartialEq, Eq)]
pub struct CssUrl {
    /// What the stylesheet wrote, without quotes, `?query` or `#fragment`.
    pub reference: String,
    /// Byte offset of the `url(` in the stylesheet.
    pub offset: usize,
}

/// Rewrites the stylesheet's `url()`s of app files: `name_of(reference)` gives the asset's name
/// (it resolves the reference against the stylesheet's path), and the `url()` becomes
/// `url("appbundle-asset:<name>")`. Absolute URLs, data URLs and fragments stay. Returns the
/// new text and the references `name_of` did not know.
pub fn rewrite_css_urls(
    css: &str,
    mut name_of: impl FnMut(&str) -> Option<String>,
) -> (String, Vec<CssUrl>) {
    let mut out = String::with_capacity(css.len());
    let mut unknown = Vec::new();
    let mut rest = 0;
    let lower = css.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("url(") {
        let start = from + found;
        let open = start + 4;
        let Some(close) = css[open..].find(')').map(|i| open + i) else {
            break;
        };
        from = close + 1;
        let raw = css[open..close].trim();
        let unquoted = raw
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .or_else(|| raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))
            .unwrap_or(raw);
        let reference = unquoted
            .split(['?', '#'])
            .next()
            .unwrap_or(unquoted)
            .to_string();
        let external = reference.is_empty()
            || unquoted.starts_with('#')
            || reference.starts_with("//")
            || reference.contains(':');
        if external {
            continue;
        }
        match name_of(&reference) {
            Some(name) => {
                out.push_str(&css[rest..start]);
                out.push_str(&format!("url(\"{CSS_ASSET_PREFIX}{name}\")"));
                rest = close + 1;
            }
            None => unknown.push(CssUrl {
                reference,
                offset: start,
            }),
        }
    }
    out.push_str(&css[rest..]);
    (out, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG_1PX: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    fn asset(path: &str, content: FileContent) -> Asset {
        match decode(path, &content) {
            Ok(Decoded::Asset(asset)) => asset,
            Ok(Decoded::Text(_)) => panic!("{path} decoded as text"),
            Err(e) => panic!("{path}: {e}"),
        }
    }

    #[test]
    fn assets_arrive_as_base64_data_urls_or_svg_text() {
        let encoded = asset(
            "img/logo.png",
            FileContent::Encoded {
                content: PNG_1PX.into(),
                encoding: Encoding::Base64,
            },
        );
        assert_eq!(&encoded.bytes[1..4], b"PNG");
        assert_eq!(encoded.mime, "image/png");
        assert!(encoded.name.starts_with("logo.") && encoded.name.ends_with(".png"));
        let url = asset(
            "logo.png",
            format!("data:image/png;base64,{PNG_1PX}").into(),
        );
        assert_eq!(url.bytes, encoded.bytes);
        assert_eq!(url.name, encoded.name, "same bytes, same name");
        let svg = asset("icon.svg", "<svg viewBox=\"0 0 1 1\"/>".into());
        assert_eq!(svg.bytes, b"<svg viewBox=\"0 0 1 1\"/>");
        let escaped = asset("dot.svg", "data:image/svg+xml,%3Csvg%2F%3E".into());
        assert_eq!(escaped.bytes, b"<svg/>");
    }

    #[test]
    fn bad_assets_say_why() {
        let text_png = decode("photo.png", &"not an image".into()).err().unwrap();
        assert!(text_png.contains("is binary"), "{text_png}");
        let bad = FileContent::Encoded {
            content: "@@@".into(),
            encoding: Encoding::Base64,
        };
        assert!(decode("x.woff2", &bad).err().unwrap().contains("base64"));
        let latin1 = FileContent::Encoded {
            content: "/w==".into(),
            encoding: Encoding::Base64,
        };
        assert!(decode("App.tsx", &latin1).err().unwrap().contains("UTF-8"));
        // Scripts may come base64-encoded too.
        let script = FileContent::Encoded {
            content: "ZXhwb3J0IHt9".into(),
            encoding: Encoding::Base64,
        };
        assert!(matches!(decode("a.ts", &script), Ok(Decoded::Text(t)) if t == "export {}"));
    }

    #[test]
    fn css_urls_of_app_files_are_rewritten_and_others_kept() {
        let css = "@font-face { src: url('./fonts/a.woff2?v=2') format('woff2'), url(b.ttf); }\n\
                   .hero { background: URL( \"img/bg.png\" ) } .x { mask: url(#m); }\n\
                   .y { background: url(data:image/png;base64,AAAA) } .z { background: url(https://e.x/a.png) }";
        let (out, unknown) = rewrite_css_urls(css, |r| match r {
            "./fonts/a.woff2" => Some("a.1.woff2".into()),
            "img/bg.png" => Some("bg.2.png".into()),
            _ => None,
        });
        assert!(
            out.contains("url(\"appbundle-asset:a.1.woff2\") format('woff2')"),
            "{out}"
        );
        assert!(
            out.contains("background: url(\"appbundle-asset:bg.2.png\") }"),
            "{out}"
        );
        assert!(out.contains("url(#m)") && out.contains("url(data:image/png;base64,AAAA)"));
        assert!(out.contains("url(https://e.x/a.png)"));
        assert_eq!(
            unknown,
            vec![CssUrl {
                reference: "b.ttf".into(),
                offset: css.find("url(b.ttf)").unwrap(),
            }]
        );
    }
}
