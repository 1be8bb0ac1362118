using OnTrack.Domain.Measures;
using OnTrack.Domain.Reviews;

namespace OnTrack.Domain.Tests.Reviews;

public sealed class ReviewQuestionnaireTests
{
    private static readonly Instrument Form = ReviewQuestionnaire.Instrument;

    [Fact]
    public void Questionnaire_HasFifteenToTwentyFiveItems_EachInExactlyOneArea()
    {
        Assert.InRange(Form.Items.Count, 15, 25);
        var inAreas = ReviewQuestionnaire.Areas.SelectMany(a => a.Items).ToList();
        Assert.Equal(Form.Items.Select(i => i.LinkId).Order(StringComparer.Ordinal), inAreas.Order(StringComparer.Ordinal));
        Assert.Equal(inAreas.Count, inAreas.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Questionnaire_CoversEveryAreaOfTheIssue()
    {
        Assert.Equal(
            ["alliance-bond", "alliance-goals", "alliance-tasks", "motivation", "support", "life-events", "pace", "approach", "lifestyle"],
            ReviewQuestionnaire.Areas.Select(a => a.Id));
        Assert.All(ReviewQuestionnaire.Areas, a => Assert.True(a.Items.Count >= 2, a.Id));
        Assert.Equal(4, ReviewQuestionnaire.Areas.Single(a => a.Id == "lifestyle").Items.Count); // sleep, activity, eating, relaxation
    }

    [Fact]
    public void Questionnaire_HasOneSubscalePerArea_SoStoredResponsesKeepAreaScores()
    {
        Assert.Equal(ReviewQuestionnaire.Areas.Select(a => a.Id), Form.Subscales.Select(s => s.Id));
        Assert.Equal(ReviewQuestionnaire.Areas.Select(a => a.Items), Form.Subscales.Select(s => s.Items));
    }

    [Fact]
    public void Questionnaire_IsAReviewInstrument_HigherIsWorse_MarkedUnvalidated()
    {
        Assert.Equal("review", Form.Id);
        Assert.Equal(ReviewQuestionnaire.InstrumentId, Form.Id);
        Assert.Equal(InstrumentRole.Review, Form.Role);
        Assert.Equal(ScoreDirection.HigherIsWorse, Form.Direction);
        Assert.Contains("unvalidated", Form.Source, StringComparison.Ordinal);
        Assert.Contains("Not a validated instrument", Form.Licence, StringComparison.Ordinal);
        Assert.Null(Form.Cutoff);
        Assert.Null(Form.ReliableChange);
        Assert.False(string.IsNullOrWhiteSpace(Form.Description));
    }

    [Fact]
    public void Items_UseTheZeroToFourAgreementScale()
    {
        Assert.All(Form.Items, i => Assert.Equal(["0", "1", "2", "3", "4"], i.Options.Select(o => o.Code)));
        Assert.Equal(0m, Form.TotalMin);
        Assert.Equal(4m, Form.TotalMax);
    }

    [Fact]
    public void PositivelyWordedItems_AreReverseScored_ProblemWordedOnesAreNot()
    {
        var reverse = Form.Items.Where(i => i.Reverse).Select(i => i.LinkId).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("bond-understood", reverse);
        Assert.Contains("goals-agree", reverse);
        Assert.Contains("lifestyle-sleep", reverse);
        Assert.DoesNotContain("bond-open", reverse);
        Assert.DoesNotContain("support-alone", reverse);
        Assert.DoesNotContain(ReviewQuestionnaire.MoreStructureItem, reverse);
        Assert.DoesNotContain(ReviewQuestionnaire.MoreReflectionItem, reverse);

        // Both kinds in the form, so a client who ticks one column throughout does not look problem-free.
        Assert.InRange(reverse.Count, 8, Form.Items.Count - 8);
    }

    [Fact]
    public void Scorer_AllAnswersAtTheGoodEnd_ScoresZeroInEveryArea()
    {
        var result = Scorer.Score(Form, ReviewAnswers.Fine());

        Assert.True(result.Valid);
        Assert.Equal(0m, result.Total);
        Assert.All(result.Subscales, s => Assert.Equal(0m, s.Score));
    }

    private const string ClinicReviewFile = """
        {"questionnaire": {"resourceType": "Questionnaire", "id": "clinic-review", "item": [
          {"linkId": "1", "type": "choice", "answerOption": [
            {"valueCoding": {"code": "0", "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 0}]}},
            {"valueCoding": {"code": "1", "extension": [{"url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 1}]}}]}]},
         "scoring": {"role": "ROLE", "direction": "higherIsWorse", "missing": {"rule": "invalid"}}}
        """;

    [Fact]
    public void InstrumentFile_WithRoleReview_IsAReviewInstrument()
    {
        // A clinic that loads a review questionnaire of its own (the OQ-ASC under its licence) marks it so.
        var instrument = InstrumentReader.Read(ClinicReviewFile.Replace("ROLE", "review", StringComparison.Ordinal), "clinic-review.json");

        Assert.Equal(InstrumentRole.Review, instrument.Role);
    }

    [Fact]
    public void InstrumentFile_WithAnUnknownRole_NamesEveryRole()
    {
        var error = Assert.Throws<InstrumentFormatException>(() => InstrumentReader.Read(ClinicReviewFile.Replace("ROLE", "triage", StringComparison.Ordinal), "clinic-review.json"));

        Assert.Contains("outcome, alliance, readiness, goals or review", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scorer_FeelingUnderstoodCompletely_ScoresNoBondProblem_NotAtAll_ScoresFour()
    {
        // bond-understood is reverse-scored: "completely true" (4) scores 4 − 4 = 0, "not at all true" (0) scores 4.
        var understood = Scorer.Score(Form, ReviewAnswers.Fine());
        var notUnderstood = Scorer.Score(Form, ReviewAnswers.Fine().With("bond-understood", "0"));

        Assert.Equal(0m, understood.Subscales.Single(s => s.Id == "alliance-bond").Score);
        Assert.Equal(4m, notUnderstood.Subscales.Single(s => s.Id == "alliance-bond").Score);
    }
}

/// <summary>Answers to the review questionnaire, built by item link id.</summary>
internal static class ReviewAnswers
{
    /// <summary>Every item answered at the good end: 4 ("completely true") on positive items, 0 on problem items.</summary>
    public static string?[] Fine() => ReviewQuestionnaire.Instrument.Items.Select(i => i.Reverse ? "4" : "0").ToArray();

    /// <summary>Sets one item's raw answer (the option code, before reverse scoring); null leaves it unanswered.</summary>
    public static string?[] With(this string?[] answers, string linkId, string? answer)
    {
        var copy = (string?[])answers.Clone();
        copy[Index(linkId)] = answer;
        return copy;
    }

    /// <summary>Sets one item so that it scores <paramref name="problem"/> after reverse scoring (0 no problem … 4).</summary>
    public static string?[] Problem(this string?[] answers, string linkId, int problem)
    {
        var item = ReviewQuestionnaire.Instrument.Items[Index(linkId)];
        return answers.With(linkId, (item.Reverse ? 4 - problem : problem).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Sets the items of an area, in the area's order, to the given problem scores.</summary>
    public static string?[] Area(this string?[] answers, string areaId, params int?[] problems)
    {
        var area = ReviewQuestionnaire.Areas.Single(a => a.Id == areaId);
        Assert.Equal(area.Items.Count, problems.Length);
        for (var i = 0; i < problems.Length; i++)
        {
            answers = problems[i] is { } p ? answers.Problem(area.Items[i], p) : answers.With(area.Items[i], null);
        }

        return answers;
    }

    private static int Index(string linkId)
    {
        var items = ReviewQuestionnaire.Instrument.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].LinkId == linkId)
            {
                return i;
            }
        }

        throw new ArgumentException($"No item {linkId}.", nameof(linkId));
    }
}
