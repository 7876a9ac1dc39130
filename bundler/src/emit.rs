//! Code generation: the linked script to JavaScript text with a v3 source map whose
//! `sourcesContent` holds every original file; optional minification (swc's minifier) with the
//! map composed back to the original files.

use swc_core::common::{sync::Lrc, BytePos, FileName, LineCol, Mark, SourceMap, GLOBALS};
use swc_core::ecma::ast::{Program, Script};
use swc_core::ecma::codegen::{text_writer::JsWriter, Config as CodegenConfig, Emitter};
use swc_core::ecma::minifier::{
    optimize,
    option::{CompressOptions, ExtraOptions, MangleOptions, MinifyOptions},
};
use swc_core::ecma::parser::{parse_file_as_script, Syntax};
use swc_core::ecma::transforms::base::{fixer::fixer, hygiene::hygiene, resolver};

use crate::parse::TARGET;

#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    #[error("code generation failed: {0}")]
    Codegen(#[from] std::io::Error),
    #[error("the source map could not be written: {0}")]
    SourceMap(String),
    #[error("the generated code did not parse again for minification: {0}")]
    Reparse(String),
}

pub struct Emitted {
    pub code: String,
    /// Source map v3 JSON.
    pub map: String,
}

struct MapConfig;

impl swc_core::common::source_map::SourceMapGenConfig for MapConfig {
    fn file_name_to_source(&self, f: &FileName) -> String {
        match f {
            FileName::Custom(name) => name.clone(),
            other => other.to_string(),
        }
    }

    fn inline_sources_content(&self, _: &FileName) -> bool {
        true
    }
}

fn generate(
    cm: &Lrc<SourceMap>,
    script: &Script,
    minify: bool,
) -> Result<(String, Vec<(BytePos, LineCol)>), EmitError> {
    let mut buf = Vec::new();
    let mut mappings = Vec::new();
    {
        let mut emitter = Emitter {
            cfg: CodegenConfig::default()
                .with_target(TARGET)
                .with_minify(minify)
                .with_ascii_only(true)
                .with_inline_script(true)
                .with_omit_last_semi(minify),
            cm: cm.clone(),
            comments: None,
            wr: JsWriter::new(cm.clone(), "\n", &mut buf, Some(&mut mappings)),
        };
        emitter.emit_script(script)?;
    }
    // The emitter only writes valid UTF-8 (and ascii_only keeps it ASCII).
    let code = String::from_utf8_lossy(&buf).into_owned();
    Ok((code, mappings))
}

/// Emits the linked script. Must run inside `GLOBALS.set`.
pub fn emit(cm: &Lrc<SourceMap>, script: &Script, minify: bool) -> Result<Emitted, EmitError> {
    let (code, mappings) = generate(cm, script, false)?;
    let map = cm.build_source_map(&mappings, None, MapConfig);
    if !minify {
        return Ok(Emitted {
            code,
            map: write_map(&map)?,
        });
    }
    debug_assert!(GLOBALS.is_set());
    let bundle_cm: Lrc<SourceMap> = Default::default();
    let file = bundle_cm.new_source_file(Lrc::new(FileName::Anon), code);
    let mut errors = Vec::new();
    let reparsed = parse_file_as_script(
        &file,
        Syntax::Es(Default::default()),
        TARGET,
        None,
        &mut errors,
    )
    .map_err(|e| EmitError::Reparse(e.kind().msg().into_owned()))?;
    if let Some(e) = errors.first() {
        return Err(EmitError::Reparse(e.kind().msg().into_owned()));
    }
    let unresolved_mark = Mark::new();
    let top_level_mark = Mark::new();
    let program = Program::Script(reparsed).apply(resolver(unresolved_mark, top_level_mark, false));
    let options = MinifyOptions {
        compress: Some(CompressOptions {
            ..Default::default()
        }),
        mangle: Some(MangleOptions {
            top_level: Some(true),
            ..Default::default()
        }),
        ..Default::default()
    };
    let program = optimize(
        program,
        bundle_cm.clone(),
        None,
        None,
        &options,
        &ExtraOptions {
            unresolved_mark,
            top_level_mark,
            mangle_name_cache: None,
        },
    )
    .apply(hygiene())
    .apply(fixer(None));
    let Program::Script(minified) = program else {
        return Err(EmitError::Reparse("the minifier returned a module".into()));
    };
    let (code, mappings) = generate(&bundle_cm, &minified, true)?;
    let composed = bundle_cm.build_source_map(&mappings, Some(map), MapConfig);
    Ok(Emitted {
        code,
        map: write_map(&composed)?,
    })
}

fn write_map(map: &swc_sourcemap::SourceMap) -> Result<String, EmitError> {
    let mut out = Vec::new();
    map.to_writer(&mut out)
        .map_err(|e| EmitError::SourceMap(e.to_string()))?;
    String::from_utf8(out).map_err(|e| EmitError::SourceMap(e.to_string()))
}
