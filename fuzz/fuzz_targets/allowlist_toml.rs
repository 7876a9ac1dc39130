//! An operator's allowlist TOML: parsed, and when it parses, a small app bundled against it.

#![no_main]

use appbundle_bundler::{Allowlist, BundleRequest, FileContent};
use appbundle_fuzz::bundle_and_check;
use libfuzzer_sys::fuzz_target;

const APP: &str = r#"import { useState } from 'react';
import { format } from 'date-fns';
import { Button } from '@/components/ui/button';

export default function App() {
  const [day] = useState(new Date(2026, 0, 1));
  return <Button className="m-2">{format(day, 'PP')}</Button>;
}
"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(allowlist) = Allowlist::from_toml(text) else {
        return;
    };
    let request = BundleRequest {
        files: FileContent::texts([("App.tsx", APP)]),
        ..Default::default()
    };
    bundle_and_check(&request, &allowlist);
});
