#!/usr/bin/env python3
"""Rewrite the README's sample outputs from the real binary (run from the package root after
`cargo build`): every block that starts with a `$ neardup …` line inside a console fence is
replaced by that command's current output. Lines ending in `\\` continue the command."""
import re
import shlex
import subprocess

README = "README.md"
BINARY = "./target/debug/neardup"

text = open(README, encoding="utf-8").read()
out = []
pos = 0
for fence in re.finditer(r"```console\n(.*?)```", text, flags=re.S):
    body = fence.group(1)
    lines = body.split("\n")
    command = lines[0]
    i = 0
    while command.endswith("\\"):
        i += 1
        command = command[:-1] + " " + lines[i].strip()
    if not command.startswith("$ neardup "):
        continue
    args = shlex.split(command[2:])[1:]
    result = subprocess.run([BINARY, *args], capture_output=True, text=True).stdout
    shown = "\n".join(lines[: i + 1]) + "\n" + result
    if "…\n" in body:
        # Keep an elided sample elided: the first group, "…", and the summary line.
        kept = result.split("\n\n")[0] + "\n…\n" + result.rstrip("\n").split("\n")[-1] + "\n"
        shown = "\n".join(lines[: i + 1]) + "\n" + kept
    out.append(text[pos : fence.start(1)])
    out.append(shown)
    pos = fence.end(1)
out.append(text[pos:])
open(README, "w", encoding="utf-8").write("".join(out))
