"""Prompts, answer positions, completion-only loss and truncation, for three offline tokenizers:
byte-level BPE, SentencePiece-style (metaspace) BPE, and a char-level one whose answer is 2 tokens."""
import pytest
import torch

from conftest import medqa
from syllabus_trainer.bundle import Question
from syllabus_trainer.encode import TokenizationError, encode, special_prefix
from syllabus_trainer.prompts import plain_prompt, score_prompt, train_prompt
from syllabus_trainer.train import example_labels, micro_batch_loss

TOKENIZERS = ("tiny-random-llama", "tiny-random-llama-sp", "tiny-random-llama-char")


def q_of(row):
    return Question(row["id"], row["question"], row["options"], row["answer"])


def test_train_prompt_is_the_studys_template():
    q = Question("x", "What?", {"A": "a", "B": "b", "C": "c", "D": "d"}, "B")
    text = train_prompt(q).render() + " B"
    assert text == ("Answer the following multiple choice question by giving the most appropriate response. "
                    "Answer should be one among [A, B, C, D].\n\nQuestion: What?\nA) a\nB) b\nC) c\nD) d\n\n### Answer: B")
    q5 = Question("y", "Why?", {l: l.lower() for l in "ABCDE"}, "E")
    assert "[A, B, C, D, E]" in train_prompt(q5).render()
    assert score_prompt(q5).render() + " " == (
        "Answer the following multiple choice question by giving the most appropriate response. "
        "The answer should be one of [A, B, C, D, E]. Question: Why? A) a B) b C) c D) d E) e Answer: ")


def test_plain_prompt_is_the_template_without_its_instruction():
    q = Question("x", "What?", {"A": "a", "B": "b", "C": "c"}, "B")
    assert plain_prompt(q).render() + " B" == "Question: What?\nA) a\nB) b\nC) c\nAnswer: B"
    assert plain_prompt(q).question == "What?"  # the question text stays the part a long prompt is cut in


def test_run_json_model_prompt_picks_the_prompt_of_training_and_evaluation(tiny, tmp_path):
    from conftest import make_bundle
    from syllabus_trainer.bundle import BundleError, read_run_spec
    from syllabus_trainer.runner import encode_eval_sets

    _, tok = tiny["tiny-random-llama"]
    rows = medqa(2)
    study = read_run_spec(make_bundle(tmp_path / "study", rows, {"t": rows}))
    assert study.prompt == "study"  # absent: the study's template (existing run.json files keep their meaning)
    plain = read_run_spec(make_bundle(tmp_path / "plain", rows, {"t": rows}, model={"prompt": "plain"}))
    prefix = special_prefix(tok)
    text = tok.decode(encode_eval_sets(plain, tok, prefix)["t"][1][0].prompt_ids[len(prefix):])
    assert text.startswith("Question: ") and "Answer the following" not in text and text.endswith("Answer:")
    with pytest.raises(BundleError, match="model.prompt"):
        read_run_spec(make_bundle(tmp_path / "bad", rows, model={"prompt": "fancy"}))


@pytest.mark.parametrize("name", TOKENIZERS)
def test_only_the_answer_tokens_carry_loss(tiny, name):
    model, tok = tiny[name]
    tok.padding_side = "left"
    prefix = special_prefix(tok)
    assert prefix == [tok.bos_token_id]
    rows = medqa(3)
    encoded = [encode(tok, q_of(r), train_prompt(q_of(r)), [r["answer"]], 512, prefix) for r in rows]
    for e, r in zip(encoded, rows):
        ids, labels = example_labels(e, r["answer"])
        answer_positions = [i for i, l in enumerate(labels) if l != -100]
        # the answer is the final token(s): one for BPE/SP, two ("▁", "X") for the char tokenizer
        n = 2 if name.endswith("char") else 1
        assert answer_positions == list(range(len(ids) - n, len(ids)))
        assert tok.decode(ids[-n:]).strip() == r["answer"]
        assert tok.decode(ids[: len(ids) - n], skip_special_tokens=True).rstrip().endswith("### Answer:")
        # the ids are what tokenising the full text gives: the label sits where the letter really is
        if not e.truncated:  # the ids are those of the full text: the label sits where the letter really is
            text = train_prompt(q_of(r)).render() + " " + r["answer"]
            assert ids == prefix + tok(text, add_special_tokens=False)["input_ids"]
    # the batched, left-padded loss equals -log p(answer tokens | prompt) from separate unpadded forwards
    batch = [(e, r["answer"]) for e, r in zip(encoded, rows)]
    with torch.no_grad():
        loss_sum, n_tokens, n_input = micro_batch_loss(model, batch, pad_id=tok.pad_token_id, device=torch.device("cpu"))
        expected, count = 0.0, 0
        for e, r in zip(encoded, rows):
            ids, labels = example_labels(e, r["answer"])
            logp = torch.log_softmax(model(input_ids=torch.tensor([ids])).logits[0].float(), -1)
            for pos, lab in enumerate(labels):
                if lab != -100:
                    expected -= float(logp[pos - 1, lab])
                    count += 1
    assert n_tokens == count and n_input == sum(len(example_labels(e, r["answer"])[0]) for e, r in zip(encoded, rows))
    assert float(loss_sum) == pytest.approx(expected, rel=1e-4)


def test_a_tokenizer_that_moves_the_cue_is_refused():
    class Merging:  # merges ":" with the following " A" like a careless BPE could
        def __call__(self, text, add_special_tokens=False):
            ids = [ord(c) for c in text.replace(": A", "\x01")]
            return {"input_ids": ids}

    q = Question("q9", "?", {"A": "a", "B": "b"}, "A")
    with pytest.raises(TokenizationError, match="q9.*answer position is ambiguous"):
        encode(Merging(), q, train_prompt(q), ["A"], 512, [])


@pytest.mark.parametrize("name", ("tiny-random-llama", "tiny-random-llama-sp"))
def test_long_prompts_are_cut_inside_the_question(tiny, name):
    _, tok = tiny[name]
    prefix = special_prefix(tok)
    row = max(medqa(40), key=lambda r: len(r["question"]))
    q = q_of(row)
    full = encode(tok, q, train_prompt(q), q.letters, 10_000, prefix)
    assert not full.truncated
    limit = len(full.prompt_ids) - 60
    cut = encode(tok, q, train_prompt(q), q.letters, limit, prefix)
    assert cut.truncated
    assert len(cut.prompt_ids) + max(len(c) for c in cut.continuations.values()) <= limit
    assert len(cut.prompt_ids) >= limit - 8  # bisection keeps as much of the question as fits
    text = tok.decode(cut.prompt_ids, skip_special_tokens=True)
    opts = "\n".join(f"{l}) {row['options'][l]}" for l in q.letters)
    assert text.endswith(opts + "\n\n### Answer:")
    assert " … " in text and "Answer should be one among [A, B, C, D, E]." in text
    assert row["question"][:20] in text and row["question"][-20:] in text  # both ends of the vignette survive
    assert cut.continuations == full.continuations


def test_options_that_cannot_fit_are_an_error(tiny):
    _, tok = tiny["tiny-random-llama"]
    q = Question("long-opts", "Short?", {l: "very long option text " * 20 for l in "ABCD"}, "A")
    with pytest.raises(TokenizationError, match="long-opts.*raise maxLength"):
        encode(tok, q, train_prompt(q), q.letters, 64, special_prefix(tok))
