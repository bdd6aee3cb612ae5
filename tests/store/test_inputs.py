"""Which files an ingest picks up from files, directories, globs and '-'."""

from __future__ import annotations

from kb.ingest import STDIN, expand_inputs


def _touch(path, text="x"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_directories_are_searched_recursively_for_articles(tmp_path):
    for name in ("a.txt", "sub/b.html", "sub/deeper/c.md", "d.json", "e.htm"):
        _touch(tmp_path / name)
    for name in ("a.meta.json", "gold.jsonl", "notes.pdf", ".hidden/f.txt", "README"):
        _touch(tmp_path / name)
    files, failures = expand_inputs([str(tmp_path)])
    assert failures == []
    assert [p[len(str(tmp_path)) + 1 :] for p in files] == [
        "a.txt",
        "d.json",
        "e.htm",
        "sub/b.html",
        "sub/deeper/c.md",
    ]


def test_globs_files_stdin_and_duplicates(tmp_path):
    a = _touch(tmp_path / "x" / "a.txt")
    b = _touch(tmp_path / "x" / "b.txt")
    _touch(tmp_path / "x" / "b.meta.json")
    odd = _touch(tmp_path / "odd.article")  # named explicitly: read whatever its suffix
    files, failures = expand_inputs([str(tmp_path / "x" / "*"), str(a), str(odd), STDIN])
    assert files == [str(a), str(b), str(odd), STDIN]
    assert failures == []


def test_inputs_that_name_nothing(tmp_path):
    (tmp_path / "empty").mkdir()
    files, failures = expand_inputs(
        [str(tmp_path / "empty"), str(tmp_path / "missing.txt"), str(tmp_path / "*.md")]
    )
    assert files == []
    assert [(f.origin, f.status) for f in failures] == [
        (str(tmp_path / "empty"), "failed"),
        (str(tmp_path / "missing.txt"), "failed"),
        (str(tmp_path / "*.md"), "failed"),
    ]
    assert "no articles" in failures[0].message
    assert "no such file" in failures[1].message
    assert "no article matches" in failures[2].message


def test_directory_expansion_skips_documentation_files(tmp_path) -> None:
    from kb.ingest import expand_inputs

    (tmp_path / "README.md").write_text("# About these articles\n", encoding="utf-8")
    (tmp_path / "LICENSE.txt").write_text("Terms.\n", encoding="utf-8")
    (tmp_path / "story.md").write_text("Two frigates arrived.\n", encoding="utf-8")
    files, failures = expand_inputs([str(tmp_path)])
    assert [p.rsplit("/", 1)[-1] for p in files] == ["story.md"] and failures == []
    # named explicitly, a README is still read
    files, _ = expand_inputs([str(tmp_path / "README.md")])
    assert files == [str(tmp_path / "README.md")]
