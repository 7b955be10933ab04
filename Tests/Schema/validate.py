#!/usr/bin/env python3
"""Holds rule files to rules/schema.json with a real JSON Schema validator, as an editor would.

Usage: validate.py SCHEMA FILE...  Prints one line per problem (file: path: message).
Exit 0 all valid, 1 a file breaks the schema, 77 jsonschema or PyYAML is missing (a test skips).
"""
import json
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as missing:
    print(f"{missing.name} ontbreekt: pip install jsonschema pyyaml (make test doet dat)", file=sys.stderr)
    sys.exit(77)


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2's core types, as libyaml-based kompas and the editor's YAML 1.2 see them: `ja`,
    `no` and `on` stay text, dates stay text (PyYAML follows YAML 1.1 there)."""


BOOL, TIMESTAMP = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"
Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (BOOL, TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def main(schema_path, paths):
    with open(schema_path, encoding="utf-8") as file:
        schema = json.load(file)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    broken = 0
    for path in paths:
        with open(path, encoding="utf-8") as file:
            document = yaml.load(file, Loader=Yaml12Loader)
        errors = sorted(validator.iter_errors(document), key=lambda error: list(map(str, error.absolute_path)))
        for error in errors:
            where = "/".join(map(str, error.absolute_path)) or "(bestand)"
            print(f"{path}: {where}: {error.message}")
        broken += bool(errors)
    return 1 if broken else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    sys.exit(main(sys.argv[1], sys.argv[2:]))
