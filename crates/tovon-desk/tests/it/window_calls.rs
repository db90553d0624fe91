//! The window's calls are generated from the command adapters: each `#[tauri::command]` in
//! `src-tauri/src/commands.rs` is declared once, and its name, arguments and result become a
//! typed function in `ui/src/lib/commands.ts`. This test fails when that file drifts from
//! the adapters, or when the handler list in `src-tauri/src/lib.rs` (`window_commands!`)
//! names a different set of commands. `TOVON_BLESS=1 cargo test -p tovon-desk --test it
//! window_calls` rewrites the file.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

fn repo(relative: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(relative)
}

/// A command as the window calls it.
struct Command {
    name: String,
    doc: Vec<String>,
    /// (argument's name as the window passes it, TypeScript type)
    args: Vec<(String, String)>,
    result: String,
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn generic(segment: &syn::PathSegment, at: usize) -> &Type {
    match &segment.arguments {
        PathArguments::AngleBracketed(args) => {
            match args.args.iter().filter(|arg| matches!(arg, GenericArgument::Type(_))).nth(at) {
                Some(GenericArgument::Type(ty)) => ty,
                _ => panic!("{} needs a type argument", segment.ident),
            }
        }
        _ => panic!("{} needs a type argument", segment.ident),
    }
}

/// The TypeScript type of a Rust type the bridge carries; `types` collects the generated
/// bindings it names.
fn ts(ty: &Type, types: &mut BTreeSet<String>) -> String {
    match ty {
        Type::Tuple(tuple) if tuple.elems.is_empty() => "null".to_owned(),
        Type::Reference(reference) => ts(&reference.elem, types),
        Type::Path(path) => {
            let segment = path.path.segments.last().expect("a type's name");
            match segment.ident.to_string().as_str() {
                "String" | "str" => "string".to_owned(),
                "bool" => "boolean".to_owned(),
                "i64" | "i32" | "u32" | "u16" | "u8" | "usize" => "number".to_owned(),
                "Option" => format!("{} | null", ts(generic(segment, 0), types)),
                "Vec" => format!("{}[]", ts(generic(segment, 0), types)),
                "Response" => "ArrayBuffer".to_owned(),
                "Channel" => {
                    types.insert("Channel".to_owned());
                    format!("Channel<{}>", ts(generic(segment, 0), types))
                }
                name => {
                    assert!(
                        repo(&format!("ui/src/lib/bindings/{name}.ts")).exists(),
                        "{name} crosses to the window but has no generated binding"
                    );
                    types.insert(name.to_owned());
                    name.to_owned()
                }
            }
        }
        other => panic!("a command's type the window cannot take: {}", quote_type(other)),
    }
}

fn quote_type(ty: &Type) -> String {
    match ty {
        Type::Path(path) => {
            path.path.segments.iter().map(|s| s.ident.to_string()).collect::<Vec<_>>().join("::")
        }
        _ => "(unnamed)".to_owned(),
    }
}

/// Arguments Tauri fills in itself, never passed by the window.
fn injected(ty: &Type) -> bool {
    let Type::Path(path) = ty else { return false };
    let name = path.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
    matches!(name.as_str(), "State" | "AppHandle" | "Window" | "WebviewWindow" | "Webview")
}

fn doc(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::NameValue(value) => match &value.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }) => {
                    Some(text.value().trim().to_owned())
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn commands(types: &mut BTreeSet<String>) -> Vec<Command> {
    let source = std::fs::read_to_string(repo("src-tauri/src/commands.rs")).expect("commands.rs");
    let file = syn::parse_file(&source).expect("commands.rs parses");
    let mut found = Vec::new();
    for item in file.items {
        let Item::Fn(function) = item else { continue };
        let is_command = function
            .attrs
            .iter()
            .any(|attr| attr.path().segments.last().is_some_and(|segment| segment.ident == "command"));
        if !is_command {
            continue;
        }
        let mut args = Vec::new();
        for input in &function.sig.inputs {
            let FnArg::Typed(arg) = input else { panic!("{}: a command takes no self", function.sig.ident) };
            if injected(&arg.ty) {
                continue;
            }
            let Pat::Ident(name) = &*arg.pat else { panic!("{}: a plain argument name", function.sig.ident) };
            args.push((camel(&name.ident.to_string()), ts(&arg.ty, types)));
        }
        let result = match &function.sig.output {
            ReturnType::Default => "null".to_owned(),
            ReturnType::Type(_, ty) => match &**ty {
                Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == "Result") => {
                    ts(generic(path.path.segments.last().expect("Result"), 0), types)
                }
                other => ts(other, types),
            },
        };
        found.push(Command { name: function.sig.ident.to_string(), doc: doc(&function.attrs), args, result });
    }
    found
}

fn generate() -> (String, Vec<String>) {
    let mut types = BTreeSet::new();
    let commands = commands(&mut types);
    let mut out = String::from(
        "// Generated from src-tauri/src/commands.rs by the tovon-desk test `window_calls`\n\
         // (TOVON_BLESS=1 cargo test -p tovon-desk --test it window_calls). Do not edit:\n\
         // change the command in Rust and regenerate.\n",
    );
    if types.remove("Channel") {
        out.push_str("import type { Channel } from '@tauri-apps/api/core';\n");
    }
    for name in &types {
        let _ = writeln!(out, "import type {{ {name} }} from './bindings/{name}';");
    }
    out.push_str("import { call } from './call';\n\n");
    out.push_str("/** Every command of the desk, as the window calls it. */\nexport const commands = {\n");
    for command in &commands {
        if !command.doc.is_empty() {
            let _ = writeln!(out, "  /** {} */", command.doc.join(" ").replace("*/", "* /"));
        }
        let params: Vec<String> = command.args.iter().map(|(name, ty)| format!("{name}: {ty}")).collect();
        let names: Vec<&str> = command.args.iter().map(|(name, _)| name.as_str()).collect();
        let passed = if names.is_empty() { String::new() } else { format!(", {{ {} }}", names.join(", ")) };
        let _ = writeln!(
            out,
            "  {}: ({}) => call<{}>('{}'{passed}),",
            camel(&command.name),
            params.join(", "),
            command.result,
            command.name
        );
    }
    out.push_str("};\n");
    (out, commands.into_iter().map(|command| command.name).collect())
}

/// The names `window_commands![…]` hands to Tauri's handler.
fn registered() -> Vec<String> {
    let shell = std::fs::read_to_string(repo("src-tauri/src/lib.rs")).expect("lib.rs");
    let start =
        shell.find("window_commands![").expect("the window_commands! list") + "window_commands![".len();
    let end = start + shell[start..].find(']').expect("the list's end");
    let mut names: Vec<String> = shell[start..end]
        .split(',')
        .map(|name| name.trim().to_owned())
        .filter(|name| !name.is_empty())
        .collect();
    names.sort();
    names
}

#[test]
fn window_calls_are_generated_from_the_command_adapters_and_all_registered() {
    let (generated, mut declared) = generate();
    let path = repo("ui/src/lib/commands.ts");
    if std::env::var_os("TOVON_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write commands.ts");
    }
    declared.sort();
    assert_eq!(registered(), declared, "window_commands! and the #[tauri::command] adapters differ");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        committed, generated,
        "ui/src/lib/commands.ts drifted from the adapters; run with TOVON_BLESS=1"
    );
}

#[test]
fn argument_names_reach_the_window_in_camel_case() {
    assert_eq!(camel("policy_id"), "policyId");
    assert_eq!(camel("on_progress"), "onProgress");
    assert_eq!(camel("claim"), "claim");
}
