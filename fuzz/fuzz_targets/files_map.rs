//! The `files` map as `POST /bundle` reads it: the bytes are the request's JSON (paths, sizes,
//! text, base64 and data-URL assets, the entry); what parses is bundled and checked.

#![no_main]

use appbundle_bundler::{Allowlist, BundleRequest};
use appbundle_fuzz::bundle_and_check;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(request) = serde_json::from_slice::<BundleRequest>(data) else {
        return;
    };
    bundle_and_check(&request, Allowlist::embedded());
});
