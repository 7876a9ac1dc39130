//! The whole pipeline on arbitrary bytes as the entry file (the first byte picks the options).

#![no_main]

use appbundle_bundler::{Allowlist, BundleOptions, BundleRequest, FileContent};
use appbundle_fuzz::bundle_and_check;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, source)) = data.split_first() else {
        return;
    };
    let request = BundleRequest {
        files: FileContent::texts([("App.tsx", String::from_utf8_lossy(source).into_owned())]),
        entry: None,
        options: BundleOptions {
            minify: flags & 1 == 1,
            refresh: flags & 2 == 2,
        },
    };
    bundle_and_check(&request, Allowlist::embedded());
});
