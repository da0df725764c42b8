"""What an import file may not do: be larger than the cap, unpack past it (zip and gzip bombs),
fetch a JSON-LD context, or be of a format we do not read. Each is refused with a clear message
before anything is parsed into memory whole."""

from __future__ import annotations

import gzip
import zipfile
import zlib
from pathlib import Path

import pytest

from graph.store.import_problems import ImportRefused
from graph.store.import_read import read_import
from ontology.namespaces import DEFAULT_BASE_IRI as ID
from tests.store.import_files import write

CAP = 200 * 1024 * 1024  # the default of LSHKG_IMPORT_MAX_BYTES


def refused(path: Path, max_bytes: int = CAP) -> str:
    with pytest.raises(ImportRefused) as caught:
        read_import(path, max_bytes=max_bytes, base_iri=ID)
    return str(caught.value)


def test_a_file_over_the_cap_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.nt"
    with open(big, "wb") as out:  # sparse: 200 MB and one byte, written in no time
        out.truncate(CAP + 1)
    assert "big.nt: is larger than the import limit of 209,715,200 bytes" in refused(big)


def test_a_file_at_the_cap_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "nt", "small-co")
    assert len(read_import(path, max_bytes=path.stat().st_size, base_iri=ID).graph) == 3
    assert "larger than the import limit" in refused(path, path.stat().st_size - 1)


def _zeros_deflated(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing
    block = bytes(1 << 20)
    return b"".join([*(packer.compress(block) for _ in range(size >> 20)), packer.flush()])


def test_a_gzip_bomb_is_stopped_at_the_cap(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.nt.gz"
    bomb.write_bytes(_zeros_deflated(CAP + (1 << 20)))  # 201 MB of zeros in about 200 KB
    assert bomb.stat().st_size < 1 << 20
    assert "bomb.nt.gz: unpacks to more than the import limit" in refused(bomb)


def test_a_zip_bomb_is_stopped_at_the_cap_whatever_size_it_declares(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("data.ttl", "w", force_zip64=True) as member:
        for _ in range(21):
            member.write(bytes(1 << 20))
    assert "bomb.zip: unpacks to more than the import limit of 20,000,000 bytes" in refused(bomb, 20_000_000)


def test_gzip_and_zip_files_are_read(tmp_path: Path) -> None:
    plain = write(tmp_path, "ttl", "packed-co")
    packed = tmp_path / "packed.ttl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert len(read_import(packed, max_bytes=CAP, base_iri=ID).graph) == 3
    zipped = tmp_path / "packed.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(plain, "packed-co.ttl")
    assert len(read_import(zipped, max_bytes=CAP, base_iri=ID).graph) == 3


def test_a_remote_json_ld_context_is_never_fetched(tmp_path: Path) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text('{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "x:a", "name": "A"}',
                    encoding="utf-8")
    assert "remote @context is refused" in refused(path)


def test_an_unknown_format_is_named(tmp_path: Path) -> None:
    path = tmp_path / "data.docx"
    path.write_bytes(b"PK")
    assert "unknown format .docx" in refused(path)


def test_a_csv_without_a_mapping_says_where_one_goes(tmp_path: Path) -> None:
    path = tmp_path / "companies.csv"
    path.write_text("id,name\na,A\n", encoding="utf-8")
    assert "needs a mapping (--mapping, or companies.mapping.yaml beside it)" in refused(path)
