//! The PreviewRuntime in real headless Chromium (playwright-core driving Debian's chromium):
//! the playground on one origin embeds `/preview` from another in
//! `sandbox="allow-scripts allow-forms"`,
//! loads generated apps over the postMessage bridge, and the page is inspected.

mod support;

use serde_json::json;
use support::*;

/// Fixture apps and a text each must show once rendered.
const APPS: &[(&str, &str)] = &[
    ("ok-counter", "Counter"),
    ("ok-recharts-dashboard", "Jan\nFeb\nMar"), // axis ticks: recharts drew the chart
    ("ok-zustand-todo", "Add"),
    ("ok-form-rhf-zod", "Sign up"),
    ("ok-dnd-kit-kanban", "Design\nBuild\nShip"),
    ("ok-framer-motion", "Toggle"),
    ("ok-tanstack-table", "Ada\t36\nLinus\t54"),
    ("ok-react-markdown", "bold item"),
    ("ok-sonner", "Save"),
    ("ok-date-fns-calendar", "January 2024"),
    ("ok-lucide-icons", ""), // icons only: counted as <svg> below
    (
        "ok-lucide-namespace",
        "Favourites\nRatings\nNavigation\nevery lucide icon",
    ),
    ("ok-react-icons-subpath", ""), // icons only
    ("ok-multifile", "Todos (0 items)"),
    ("ok-createroot-self-render", "Rendered by itself"),
    ("ok-css-json-imports", "Groceries"),
    (
        "ok-kit-dashboard",
        "Ada Lovelace\nAnalytical engine team\nAdmin",
    ),
    ("ok-kit-own-button", "Own button"),
    (
        "ok-kit-paths-anywhere",
        "Sprint board\nOpen tasks: 1\nWrite the release notes\nOpen",
    ),
    ("ok-named-export-entry", "Sign in to Acme"),
    (
        "ok-client-packages",
        "PDF pages: 1\n\nBodies: 2\n\nLibraries ready: true",
    ),
    ("ok-vis-network", "Selected: Priya"),
    ("ok-script-tag-app", "Cups of coffee today\nCoffee0Add one"),
    (
        "ok-script-tag-legacy-render",
        "Chores (1)\nWater the plants",
    ),
];

/// Apps that are icons only, and how many `<svg>` each draws.
const ICON_APPS: &[(&str, u64)] = &[("ok-lucide-icons", 4), ("ok-react-icons-subpath", 4)];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_apps_run_in_the_sandboxed_preview() {
    let (base, _) = start_server(|_| {}).await;
    let port = base.rsplit(':').next().unwrap().to_string();
    let host = format!("http://localhost:{port}");
    let cases = json!({ "apps": APPS.iter().map(|(name, _)| name).collect::<Vec<_>>() });
    let fixtures = repo_root().join("bundler/tests/fixtures");
    let out = node_script(
        "preview-e2e.mjs",
        vec![
            host.clone(),
            base.clone(),
            fixtures.display().to_string(),
            cases.to_string(),
        ],
    )
    .await;
    println!("{}", serde_json::to_string_pretty(&out).unwrap());

    for (name, text) in APPS {
        let app = &out["apps"][name];
        assert_eq!(app["rendered"], true, "{name}: {app}");
        assert_eq!(app["errors"], json!([]), "{name}");
        assert!(
            app["text"].as_str().unwrap().contains(text),
            "{name}: {app}"
        );
    }
    let self_rendered = out["apps"]["ok-createroot-self-render"]["text"]
        .as_str()
        .unwrap();
    assert_eq!(
        self_rendered.matches("Rendered by itself").count(),
        1,
        "mounted once"
    );
    for (name, svgs) in ICON_APPS {
        assert_eq!(out["apps"][name]["svg"], *svgs, "{name}");
    }
    assert!(
        out["apps"]["ok-recharts-dashboard"]["svg"]
            .as_u64()
            .unwrap()
            >= 1
    );
    let checks = &out["checks"];
    assert_eq!(checks["click"], json!({ "before": "0", "after": "1" }));
    assert_eq!(checks["hotReload"]["marker"], "kept");
    assert_eq!(checks["hotReload"]["text"], "version two");
    assert_eq!(checks["hotReload"]["coreScripts"], 1);
    assert_eq!(checks["renderError"]["file"], "App.tsx");
    assert_eq!(checks["renderError"]["line"], 6);
    assert!(checks["overlay"]
        .as_str()
        .unwrap()
        .contains("broken on purpose"));
    assert_eq!(
        checks["handlerError"],
        json!({ "file": "App.tsx", "line": 3 })
    );
    assert_eq!(
        out["apps"]["ok-named-export-entry"]["notes"],
        json!(["appbundle: App.tsx has no default export; rendering its `LoginForm` export"])
    );
    assert_eq!(
        checks["scriptTag"],
        json!({ "color": "rgb(220, 38, 38)", "count": "1", "legacy": "Chores (2)" })
    );
    assert_eq!(
        checks["webStorage"],
        json!({
            "first": { "visits": "Visits: 1", "errors": [] },
            "second": {
                "visits": "Visits: 2",
                "theme": "Theme: dark",
                "session": "Session: yes",
                "keys": "Keys: theme, visits",
            },
            "host": ["theme=dark", "visits=2"],
        })
    );
    assert_eq!(
        checks["kitFields"],
        json!({ "focused": "site", "error": "Enter a domain like example.com", "items": 2 })
    );
    assert_eq!(
        checks["kitDrawer"],
        json!({
            "title": "Enter the code",
            "slots": ["1", "2", "3", "4", "5", "6"],
            "code": "Code: 123456",
        })
    );
    assert_eq!(
        checks["kitContextMenu"],
        json!({
            "items": ["Rename\nF2", "Duplicate", "Delete"],
            "last": "Last action: duplicated",
        })
    );
    assert_eq!(
        checks["indexedDB"],
        json!({
            "first": { "visits": "Visits: 1", "notes": ["Note 1", "Note 2"], "error": null },
            "again": { "visits": "Visits: 2", "notes": 2 },
        })
    );
    let opacity = &checks["legacyOpacity"];
    assert_eq!(opacity["overlay"], "oklab(0 0 0 / 0.5)", "{opacity}");
    assert_eq!(opacity["solid"], "oklab(0 0 0)", "{opacity}");
    assert!(
        opacity["text"].as_str().unwrap().ends_with(" / 0.75)"),
        "text-opacity-75 scales the white text: {opacity}"
    );
    let gradient = opacity["gradient"].as_str().unwrap();
    assert!(
        gradient.contains(" 10%") && gradient.contains(" 90%"),
        "from-10% and to-90% place the stops: {gradient}"
    );
    assert_eq!(
        opacity["fade"][0], "oklab(0 0 0 / 0.3)",
        "bg-black/[.3]: {opacity}"
    );
    assert!(
        opacity["fade"][1]
            .as_str()
            .unwrap()
            .starts_with("linear-gradient(rgb(0, 0, 0) 50%"),
        "mask-b-from-50%: {opacity}"
    );
    let sidebar = &checks["kitSidebar"];
    assert_eq!(
        sidebar["mobileItems"],
        json!(["Dashboard", "Inbox", "Customers", "Settings"]),
        "the narrow preview opens the sidebar as a sheet: {sidebar}"
    );
    assert_eq!(
        (
            &sidebar["expanded"],
            &sidebar["collapsed"],
            &sidebar["shortcut"]
        ),
        (
            &json!({ "state": "expanded", "gap": 256, "label": "expanded" }),
            &json!({ "state": "collapsed", "gap": 48, "label": "collapsed" }),
            &json!({ "state": "expanded", "gap": 256, "label": "expanded" }),
        ),
        "the trigger collapses the sidebar to its 3rem rail, Ctrl+B expands it"
    );
    let chart = &checks["kitChart"];
    assert_eq!(chart["bars"], 12, "{chart}");
    assert_eq!(
        chart["fills"], chart["theme"],
        "each series is drawn in its theme color"
    );
    assert_ne!(chart["theme"][0], chart["theme"][1]);
    assert_eq!(chart["legend"], json!(["Desktop", "Mobile"]));
    let calendar = &checks["kitCalendar"];
    assert_eq!(calendar["picked"], "Selected: June 15, 2026", "{calendar}");
    assert_eq!(calendar["selected"], "15");
    assert_eq!(calendar["selectedBackground"], calendar["primary"]);
    assert_eq!(calendar["rangeMiddle"], json!(["4", "5", "6"]));
    assert_eq!(
        checks["kitCommand"],
        json!({
            "all": 6,
            "filtered": ["Calculator"],
            "ran": "Ran: calculator",
            "empty": "No results found.",
            "dialog": ["Home", "Reports"],
        })
    );
    assert_eq!(
        checks["kitCarousel"],
        json!({ "before": "Slide 1 of 5", "after": "Slide 2 of 5" })
    );
    let resizable = &checks["kitResizable"];
    let (before, after) = (
        resizable["before"].as_i64().unwrap(),
        resizable["after"].as_i64().unwrap(),
    );
    assert!(
        after > before + 80,
        "dragging the handle 120px widens the panel: {resizable}"
    );
    assert_eq!(resizable["vertical"], true, "`orientation` is taken too");
    assert_eq!(
        checks["kitMenubar"],
        json!({ "navLinks": ["Editor", "Sheets"], "last": "Last: print, wrap off" })
    );
    assert_eq!(
        checks["kitNew"],
        json!({ "button": "Creating", "group": "group", "keys": 2, "spinning": "spin" })
    );
    assert_eq!(
        checks["noComponent"],
        json!({ "kind": "build error", "code": "no-component", "file": "App.tsx" })
    );
    assert_eq!(
        checks["buildError"],
        json!({ "kind": "build error", "code": "import-blocked", "line": 1, "file": "App.tsx" })
    );
    assert_eq!(
        checks["bridge"],
        json!({
            "quote": "the playground does not proxy /api/quote",
            "shown": ["new"],
            "hostStore": ["new"],
        })
    );
    assert_eq!(
        checks["scopedBridge"],
        json!({ "visitor": ["mine"], "app": 0 })
    );
    // The kit: 12+ kinds of component on the page, each interaction by real clicks, colors and
    // radii from the theme's variables (primary button, card border, muted tabs list), no error or
    // warning logged (radix warns about a dialog without a title, React about bad props).
    let kit = &checks["kit"];
    let kinds = kit["components"].as_array().unwrap();
    assert!(kinds.len() >= 12, "{kit}");
    for kind in ["button", "card", "dialog", "select", "tabs", "table"] {
        assert!(kinds.contains(&json!(kind)), "{kind}: {kit}");
    }
    assert_eq!(
        kit["dialog"], "Edit profile\n\nChanges are saved when you close.\n\nClose",
        "{kit}"
    );
    assert_eq!(kit["alertDialog"], "Delete the account?");
    assert_eq!(kit["collapsedBefore"], 0, "{kit}");
    assert_eq!(kit["collapsibleOpened"], "Hidden details");
    assert_eq!(kit["toggleGroup"], "on");
    assert_eq!(kit["tab"], "Settings panel");
    assert_eq!(kit["picked"], "Picked: Banana");
    assert_eq!(kit["selectTrigger"], "Banana");
    assert_eq!(kit["toast"], "Saved!");
    assert_eq!(
        kit["legacyToast"], "Archived\nMoved to the archive\nUndo",
        "{kit}"
    );
    assert_eq!(kit["legacyToastAction"], 1);
    assert_eq!(
        kit["styles"],
        json!({
            "buttonBackground": "oklch(0.205 0 0)",
            "buttonColor": "oklch(0.985 0 0)",
            "buttonHeight": "36px",
            // --radius 0.625rem: rounded-md is 2px less, rounded-xl 4px more.
            "buttonRadius": "8px",
            "cardBorder": "oklch(0.922 0 0)",
            "cardRadius": "14px",
            "tabsListBackground": "oklch(0.97 0 0)",
        })
    );
    assert_eq!(kit["errors"], json!([]), "{kit}");
    assert_eq!(
        checks["kitForm"],
        json!({
            "message": "Username must be at least 2 characters.",
            "invalid": "true",
            "describedBy": 2,
            "saved": "Saved ada",
            "messageAfter": 0,
            "errors": [],
        })
    );
    assert_eq!(
        checks["formPost"],
        json!({ "stayed": true, "url": format!("{base}/preview") })
    );
    assert_eq!(
        checks["ownButton"],
        json!({ "own": "yes", "slot": null, "text": "Own button", "kitCard": true })
    );
    // shadcn's default theme through its CSS variables: light on :root, dark under .dark.
    assert_eq!(
        checks["theme"],
        json!({
            "background": "oklch(0.205 0 0)",
            "color": "oklch(0.985 0 0)",
            "border": "oklch(0.922 0 0)",
            "darkBackground": "oklch(0.145 0 0)",
            "darkMuted": "oklch(0.708 0 0)",
            // `dark:` follows the `.dark` class (the page itself prefers light).
            "darkVariant": "oklch(0.704 0.191 22.216)",
        })
    );
    let tailwind = &checks["tailwind"];
    assert_eq!(tailwind["display"], "flex", "{tailwind}");
    assert_eq!(tailwind["flexDirection"], "column");
    assert_eq!(tailwind["padding"], "16px");
    assert_eq!(tailwind["gap"], "16px");
    assert_eq!(tailwind["borderRadius"], "8px");
    assert_eq!(tailwind["fontWeight"], "700");
    assert_eq!(tailwind["color"], "rgb(255, 255, 255)");
    // Tailwind v4's blue-500.
    assert_eq!(tailwind["background"], "oklch(0.623 0.214 259.815)");
    assert_eq!(tailwind["titleSize"], "24px");
    // Preflight: headings lose the browser's default margin.
    assert_eq!(tailwind["titleMargin"], "0px");
    assert_eq!(
        tailwind["v3"],
        json!({
            "rounded": "4px",
            "shrink": "0",
            "blur": "blur(8px)",
            "z": "60",
            "roundedLeft": ["4px", "0px"],
            "ellipsis": "ellipsis",
            "grow": "1",
            "varWidth": "123px",
            "varColor": "rgb(1, 2, 3)",
        })
    );
    assert_eq!(
        tailwind["v4"],
        json!({
            "leading": ["14px", "24px"],
            "before": "\"✓\"",
            "dataDisabled": "0.5",
            "animation": ["enter", "0.15s"],
            // Tailwind v4's gray-400.
            "placeholder": "oklch(0.707 0.022 261.325)",
            "ringInset": true,
        })
    );
    let timing = out["timing"].as_array().unwrap();
    assert_eq!(timing.len(), 10, "every timed load rendered");
    assert_eq!(
        checks["console"],
        json!(["hello from the app", "{\"n\":1}"])
    );
    assert_eq!(
        checks["rejection"],
        json!({ "message": "async failure", "file": "App.tsx", "line": 5 })
    );
    assert_eq!(
        checks["selfMessage"],
        json!({ "original": true, "hijacked": false })
    );
    assert_eq!(checks["standalone"], json!({ "text": "42", "errors": [] }));
    let isolation = &checks["isolation"];
    assert!(
        isolation["parentDom"]
            .as_str()
            .unwrap()
            .starts_with("blocked"),
        "{isolation}"
    );
    assert!(
        isolation["parentCookie"]
            .as_str()
            .unwrap()
            .starts_with("blocked"),
        "{isolation}"
    );
    assert!(
        isolation["ownCookie"]
            .as_str()
            .unwrap()
            .starts_with("blocked"),
        "{isolation}"
    );
    assert!(
        isolation["top"].as_str().unwrap().starts_with("blocked"),
        "{isolation}"
    );
    assert_eq!(isolation["injected"], false, "{isolation}");
    assert_eq!(checks["resized"], true, "the preview reports its height");
    assert!(checks["hostUrl"].as_str().unwrap().starts_with(&host));
}
