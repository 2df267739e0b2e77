#!/usr/bin/env python3
"""The house rules that the compiler does not check.

1. Crate layering: every workspace crate has a layer (docs/ARCHITECTURE.md); a crate may depend
   (normal or build dependencies) only on crates of a lower layer. Dev-dependencies are free:
   tests may use helpers from anywhere below the binary.
2. No import circles between the files of a crate: a file's references to `crate::…`,
   `super::…` and `self::…` items are edges to the files that define them, and the graph of
   files must have no cycle.

Exits non-zero, naming each offence.
"""
import os
import re
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Lower numbers are lower layers. A crate depends only on crates with a smaller number.
LAYERS = {
    # Below the rules: labels, error messages and e-mails are worded in the site's language
    # wherever they are made.
    "kiosque_i18n": 0,
    "kiosque_domain": 1,
    "kiosque_import": 2,
    "kiosque_mail": 2,
    "kiosque_media": 2,
    "kiosque_search": 2,
    "kiosque_store": 3,
    "kiosque_jobs": 4,
    "kiosque_web": 5,
    "kiosque_test_utils": 6,
    "kiosque": 7,
}


def crate_dirs():
    base = os.path.join(ROOT, "crates")
    for name in sorted(os.listdir(base)):
        if os.path.isfile(os.path.join(base, name, "Cargo.toml")):
            yield name, os.path.join(base, name)


def check_crates():
    errors = []
    for name, path in crate_dirs():
        with open(os.path.join(path, "Cargo.toml"), "rb") as f:
            manifest = tomllib.load(f)
        if name not in LAYERS:
            errors.append(f"{name}: no layer in scripts/check-layers.py (add it, and to docs/ARCHITECTURE.md)")
            continue
        for table in ("dependencies", "build-dependencies"):
            for dep in manifest.get(table, {}):
                if dep in LAYERS and LAYERS[dep] >= LAYERS[name]:
                    errors.append(
                        f"{name} (layer {LAYERS[name]}) depends on {dep} (layer {LAYERS[dep]}): "
                        "a crate may only depend on lower layers"
                    )
    return errors


LEX = re.compile(
    r"""//[^\n]*|/\*.*?\*/|\bb?r(#*)".*?"\1|b?"(?:\\.|[^"\\])*"|b?'(?:\\.|[^'\\])'""",
    re.S,
)
PATH = re.compile(r"\b(crate|super|self)((?:\s*::\s*(?:\w+|\{))+)")
USE_GROUP = re.compile(r"\buse\s+(crate|super|self)\s*::([^;]*);", re.S)


def module_files(src):
    """Maps module paths (tuples) to files, for a crate's `src` folder."""
    mods = {}
    for dirpath, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs"):
                continue
            full = os.path.join(dirpath, f)
            rel = os.path.relpath(full, src)[:-3].split(os.sep)
            if rel[-1] in ("lib", "main") and len(rel) == 1:
                rel = []
            elif rel[-1] == "mod":
                rel = rel[:-1]
            if rel and rel[0] in ("bin",):
                continue
            mods[tuple(rel)] = full
    return mods


def expand_group(prefix, body):
    """`a::{b, c::d}` → ["a::b", "a::c::d"] (one level of nesting is enough here)."""
    body = body.strip()
    m = re.match(r"^(.*?)\{(.*)\}$", body, re.S)
    if not m:
        return [prefix + "::" + body]
    head, inner = m.group(1), m.group(2)
    out, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    paths = []
    for part in out:
        part = part.strip()
        if part:
            paths.extend(expand_group(prefix + "::" + head.rstrip(":").rstrip(), part) if "{" in part
                         else [prefix + "::" + head + part])
    return paths


def strip(text):
    """Comments, strings and char literals go in one pass, so that `"//"` or `'"'` cannot
    confuse the next. A lifetime (`'a`) has no closing quote and is left alone."""
    return LEX.sub(lambda m: '""' if m.group(0)[0] in "\"rb'" else " ", text)


def references(text):
    text = strip(text)
    paths = []
    for m in USE_GROUP.finditer(text):
        paths.extend(expand_group(m.group(1), m.group(2)))
    text = USE_GROUP.sub("", text)
    for m in PATH.finditer(text):
        paths.append(m.group(1) + m.group(2).split("{")[0])
    return [re.sub(r"\s+", "", p).rstrip(":") for p in paths]


REEXPORT = re.compile(r"\bpub(?:\([\w\s]+\))?\s+use\s+([^;]+);", re.S)


def reexports(mods, texts):
    """`pub use child::Item;` in a module: `(module, "Item")` → the module that defines it, so
    that `crate::Item` counts as a use of the file that defines `Item`, not of `lib.rs`."""
    out = {}
    for mod in mods:
        for m in REEXPORT.finditer(texts[mod]):
            body = m.group(1).strip()
            head = body.split("::")[0]
            prefix = head if head in ("crate", "self", "super") else "self"
            rest = body if prefix == "self" and head != "self" else body[len(head) :].lstrip(":")
            for path in expand_group(prefix, rest):
                name = path.split("::")[-1].split(" as ")[-1].strip()
                target = resolve(path, mod, mods, {})
                if target is not None and target != mod:
                    out[(mod, name)] = target
    return out


def resolve(path, here, mods, reexported):
    """The module a `crate::a::b::Item` path lands in, from the module `here`, following the
    re-exports of the module it lands in."""
    parts = [p for p in path.split("::") if p]
    if not parts:
        return None
    head, rest = parts[0], parts[1:]
    if head == "crate":
        base = ()
    elif head == "self":
        base = here
    else:
        base = here
        while rest is not None and head == "super":
            base = base[:-1]
            if rest and rest[0] == "super":
                rest = rest[1:]
                continue
            break
    best = base if base in mods else None
    cur = base
    for p in rest:
        if (cur, p) in reexported:
            return reexported[(cur, p)]
        cur = cur + (p,)
        if cur in mods:
            best = cur
        else:
            break
    return best


def cycles_in(name, src):
    mods = module_files(src)
    edges = {m: set() for m in mods}
    texts = {}
    for mod, file in mods.items():
        with open(file, encoding="utf-8") as f:
            # Unit tests beside the code may reach anywhere in their crate.
            texts[mod] = re.split(r"#\[cfg\(test\)\]\s*mod\s+tests", f.read())[0]
    reexported = reexports(mods, texts)
    why = {}
    for mod in mods:
        paths = references(texts[mod])
        # A bare path that starts with a child module's name (`pages::Layout` in a `mod.rs`).
        children = {m[-1] for m in mods if len(m) == len(mod) + 1 and m[: len(mod)] == mod}
        if children:
            bare = re.compile(r"(?<![\w:])(" + "|".join(sorted(children)) + r")\s*::\s*(\w+)")
            paths += ["self::" + m.group(1) + "::" + m.group(2) for m in bare.finditer(strip(texts[mod]))]
        for p in paths:
            target = resolve(p, mod, mods, reexported)
            if target is not None and target != mod:
                edges[mod].add(target)
                why.setdefault((mod, target), p)
    # Tarjan's strongly connected components.
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(comp)

    sys.setrecursionlimit(10000)
    for v in mods:
        if v not in index:
            strong(v)
    errors = []
    for comp in out:
        files = sorted(os.path.relpath(mods[m], ROOT) for m in comp)
        # One concrete loop, to say where to cut.
        comp_set = set(comp)
        start = comp[0]
        path, seen, cur = [start], {start}, start
        while True:
            nxt = next(w for w in sorted(edges[cur]) if w in comp_set)
            path.append(nxt)
            if nxt in seen:
                break
            seen.add(nxt)
            cur = nxt
        loop = " -> ".join("::".join(m) or "lib" for m in path[path.index(path[-1]):])
        errors.append(f"{name}: import circle between {', '.join(files)} (e.g. {loop})")
        if "--explain" in sys.argv:
            for (a, b), p in sorted(why.items()):
                if a in comp_set and b in comp_set:
                    errors.append(f"    {'::'.join(a) or 'lib'} -> {'::'.join(b) or 'lib'}: {p}")
    return errors


def self_test():
    """The checks find what they must: a made-up crate with a circle through a re-export and a
    bare child path, and a clean one."""
    import tempfile

    def tree(files):
        root = tempfile.mkdtemp()
        for path, text in files.items():
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as f:
                f.write(text)
        return root

    circular = tree({
        "lib.rs": "mod a;\nmod b;\npub use a::Thing;\n",
        "a.rs": "pub struct Thing;\nfn f() { let s = \"crate::b\"; crate::b::g(); }\n",
        "b.rs": "// crate::a is only named in a comment here\nuse crate::Thing;\npub fn g() {}\n",
        "c/mod.rs": "mod d;\nfn h() { d::k(); }\n",
        "c/d.rs": "pub fn k() { super::h(); }\n",
    })
    found = cycles_in("demo", circular)
    assert len(found) == 2, found
    assert any("a.rs" in e and "b.rs" in e for e in found), found
    assert any("c/mod.rs" in e and "c/d.rs" in e for e in found), found
    clean = tree({
        "lib.rs": "mod a;\nmod b;\npub use a::Thing;\n",
        "a.rs": "pub struct Thing;\n",
        "b.rs": "use crate::Thing;\nfn s() -> &'static str { \"crate::b::x // super::y\" }\n",
    })
    assert cycles_in("demo", clean) == [], cycles_in("demo", clean)
    print("ok: the checks find circles through re-exports and child paths, and only those")


def main():
    if "--self-test" in sys.argv:
        self_test()
        return
    errors = check_crates()
    for name, path in crate_dirs():
        src = os.path.join(path, "src")
        if os.path.isdir(src):
            errors.extend(cycles_in(name, src))
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        sys.exit(1)
    print("ok: crate layers respected, no import circles")


if __name__ == "__main__":
    main()
