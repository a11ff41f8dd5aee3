"""Reading WARC files record by record, where a damaged record is reported and the rest read.

This module owns the framing of ``.warc``/``.warc.gz`` files: where each record starts and ends.
It reads the WARC header itself, checks the block against its ``Content-Length`` and the
end-of-record marker, and only then hands the record's bytes to warcio for the HTTP part
(status, headers, chunked and compressed payloads). A record without ``WARC-Target-URI``, one
whose ``Content-Length`` is wrong (too large, cut short, pointing into the next record) or whose
HTTP part is unreadable becomes one :class:`~tmcontent.batch.sources.Document` error; reading
then resynchronises on the next ``WARC/1.`` line, so the records after it are still converted.
A ``.warc.gz`` that ends inside a gzip member ends with one ``truncated`` error.
"""

from __future__ import annotations

import gzip
import io
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path

from tmcontent.batch.sources import Document, Limits, limited

log = logging.getLogger(__name__)

#: Largest WARC header we accept; real ones are under 2 KB.
MAX_HEADER_BYTES = 64 * 1024
#: Bytes scanned at once when looking for the next record after a damaged one.
SCAN_CHUNK = 1 << 16
RECORD_START = b"WARC/1."
TRUNCATED = (EOFError, zlib.error, gzip.BadGzipFile)


class _Damaged(Exception):
    """A record that cannot be read as it claims; ``resume_at`` is where scanning resumes."""

    def __init__(self, message: str, resume_at: int) -> None:
        super().__init__(message)
        self.resume_at = resume_at


def warc_documents(path: Path, label: str, limits: Limits) -> Iterator[Document]:
    """The HTML and plain-text response records of a WARC file, and one error per damaged record."""
    try:
        raw = path.open("rb")
    except OSError as error:
        yield Document(label, error_kind="unreadable", message=error.strerror or str(error))
        return
    with raw:
        compressed = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        if not compressed:
            yield from _records(raw, label, limits)
            return
        with gzip.GzipFile(fileobj=raw) as stream:
            yield from _records(stream, label, limits)


def _records(stream: io.BufferedIOBase, label: str, limits: Limits) -> Iterator[Document]:
    index = 0
    while True:
        start = stream.tell()
        member = f"{label}:{index}"
        try:
            header, headers = _read_header(stream)
            if header is None:
                return
            member = f"{label}:{index}:{_target(headers) or ''}"
            block, length = _read_block(stream, headers, limits)
        except _Damaged as damage:
            yield Document(member, error_kind="damaged", message=str(damage))
            index += 1
            if not _resync(stream, damage.resume_at):
                return
            continue
        except TRUNCATED as error:
            yield Document(member if stream.tell() > start else label, error_kind="truncated",
                           message=f"WARC ends inside a record: {error or 'compressed data ends early'}")
            return
        except OSError as error:
            yield Document(label, error_kind="unreadable", message=error.strerror or str(error))
            return
        index += 1
        if block is None:  # not a response record
            continue
        if length > limits.max_bytes:
            if _is_text(_http_content_type(block)):
                yield Document(member, error_kind="too_large", message=f"{length} bytes, over the {limits.max_bytes}-byte limit")
            continue
        document = _response(header + block, member, _target(headers), limits)
        if document is not None:
            yield document


def _read_header(stream: io.BufferedIOBase) -> tuple[bytes | None, dict[str, str]]:
    """The header bytes and fields of the next record; (None, {}) at the end of the file."""
    line = stream.readline(MAX_HEADER_BYTES)
    while line in (b"\r\n", b"\n"):
        line = stream.readline(MAX_HEADER_BYTES)
    if not line:
        return None, {}
    start = stream.tell() - len(line)
    if not line.startswith(b"WARC/"):
        raise _Damaged(f"no record starts here (byte {start}): Content-Length of the record before is wrong", start + 1)
    lines = [line]
    size = len(line)
    while True:
        line = stream.readline(MAX_HEADER_BYTES)
        size += len(line)
        if not line:
            raise EOFError("file ends inside a record header")
        if size > MAX_HEADER_BYTES:
            raise _Damaged(f"record header longer than {MAX_HEADER_BYTES} bytes", start + 1)
        lines.append(line)
        if line in (b"\r\n", b"\n"):
            break
    headers = {}
    for raw in lines[1:-1]:
        name, _, value = raw.decode("utf-8", "surrogateescape").partition(":")
        headers[name.strip().lower()] = value.strip()
    return b"".join(lines), headers


def _read_block(stream: io.BufferedIOBase, headers: dict[str, str], limits: Limits) -> tuple[bytes | None, int]:
    """(block, length) of a response record — over the limit, only the block's first bytes, enough
    for its HTTP header — or (None, length) for another record, after checking that the record
    is as long as it claims and followed by the end-of-record marker."""
    block_start = stream.tell()
    try:
        length = int(headers.get("content-length", ""))
        if length < 0:
            raise ValueError
    except ValueError:
        raise _Damaged(f"record has no valid Content-Length ({headers.get('content-length')!r})", block_start) from None
    if headers.get("warc-type", "").lower() != "response":
        _skip(stream, length, block_start)
        block = None
    elif not _target(headers):
        _skip(stream, length, block_start)
        raise _Damaged("response record without WARC-Target-URI", stream.tell())
    else:
        wanted = length if length <= limits.max_bytes else min(length, MAX_HEADER_BYTES)
        block = stream.read(wanted)
        if len(block) < wanted:
            raise _Damaged(f"record claims {length} bytes, only {len(block)} present", block_start)
        _skip(stream, length - wanted, block_start)
    _check_end(stream, block_start)
    return block, length


def _skip(stream: io.BufferedIOBase, length: int, block_start: int) -> None:
    remaining = length
    while remaining:
        chunk = stream.read(min(SCAN_CHUNK, remaining))
        if not chunk:
            raise _Damaged(f"record claims {length} bytes, only {length - remaining} present", block_start)
        remaining -= len(chunk)


def _check_end(stream: io.BufferedIOBase, block_start: int) -> None:
    """A block is followed by CRLF CRLF (a lone LF pair is tolerated), then a record or the end."""
    after = stream.tell()
    tail = stream.read(4)
    if tail == b"\r\n\r\n" or not tail.strip(b"\r\n"):  # the marker, or the file ends after part of it
        return
    if tail.startswith(b"\n\n"):
        stream.seek(after + 2)
        return
    raise _Damaged("record is not followed by the end-of-record marker: its Content-Length is wrong", block_start)


def _resync(stream: io.BufferedIOBase, offset: int) -> bool:
    """Move to the next line starting with ``WARC/1.`` at or after ``offset``; False at the end."""
    stream.seek(offset)
    position, carry = offset, b""
    try:
        while True:
            chunk = stream.read(SCAN_CHUNK)
            if not chunk:
                return False
            data = carry + chunk
            base = position - len(carry)
            if base == offset and data.startswith(RECORD_START):
                stream.seek(base)
                return True
            found = data.find(b"\n" + RECORD_START)
            if found >= 0:
                stream.seek(base + found + 1)
                return True
            carry = data[-len(RECORD_START):]
            position += len(chunk)
    except TRUNCATED:
        return False


def _target(headers: dict[str, str]) -> str | None:
    uri = headers.get("warc-target-uri", "").strip("<>").strip()
    return uri or None


def _http_content_type(block: bytes) -> str:
    """The Content-Type of the HTTP response at the start of ``block`` ("" if none)."""
    head = block.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    for line in head.split("\r\n")[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-type":
            return value.strip()
    return ""


def _is_text(content_type: str) -> bool:
    return "html" in content_type.lower() or "text/plain" in content_type.lower()


def _response(record: bytes, member: str, uri: str | None, limits: Limits) -> Document | None:
    """The payload of an HTTP response record, if it is HTML or plain text."""
    from warcio.recordloader import ArcWarcRecordLoader

    try:
        parsed = ArcWarcRecordLoader().parse_record_stream(io.BytesIO(record), ensure_http_headers=True)
        if not _is_text((parsed.http_headers.get_header("Content-Type") if parsed.http_headers else "") or ""):
            return None
        return limited(parsed.content_stream(), member, limits, max(1, len(record)), url=uri)
    except Exception as error:  # warcio raises many kinds on malformed HTTP; each is this record's problem
        log.debug("unreadable WARC record %s", member, exc_info=True)
        return Document(member, error_kind="damaged", message=f"unreadable HTTP response: {type(error).__name__}: {error}")

