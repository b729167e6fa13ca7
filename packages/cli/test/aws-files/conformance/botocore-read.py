"""Reads shared AWS files with botocore's own parser, many at once.

stdin: JSON list of {"path": str, "encoding": str | null}. stdout: JSON list, one per input, of
{"ok": true, "raw": raw_config_parse(path), "profiles": build_profile_map(raw)["profiles"]} or
{"ok": false, "error": "ExceptionName: message"}. A missing file reads as empty, as botocore treats it.
`encoding` stands for the user's locale (Python reads the files in the locale's encoding).
"""
import configparser
import json
import sys

from botocore import configloader
from botocore.exceptions import ConfigNotFound

original_read = configparser.RawConfigParser.read


def read(path, encoding):
    if encoding:
        configparser.RawConfigParser.read = lambda self, names, encoding_=None: original_read(
            self, names, encoding=encoding
        )
    try:
        raw = configloader.raw_config_parse(path)
    except ConfigNotFound:
        raw = {}
    except Exception as error:  # noqa: BLE001 - every refusal is a result here
        return {"ok": False, "error": f"{type(error).__name__}: {str(error)[:300]}"}
    finally:
        configparser.RawConfigParser.read = original_read
    return {"ok": True, "raw": raw, "profiles": configloader.build_profile_map(raw)["profiles"]}


json.dump([read(item["path"], item.get("encoding")) for item in json.load(sys.stdin)], sys.stdout)
