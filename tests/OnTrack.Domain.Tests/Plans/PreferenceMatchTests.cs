using OnTrack.Domain.Plans;

namespace OnTrack.Domain.Tests.Plans;

public sealed class PreferenceMatchTests
{
    private static readonly TherapistPractice Therapist = new("Man", ["English", " Polish "], SessionModes.InPerson, TimesOfDay.Morning | TimesOfDay.Afternoon);

    [Fact]
    public void Style_ClientWantsStructureTherapistExplores_MismatchWithSentence()
    {
        var mismatches = PreferenceMatch.Style("Jordan", new PreferenceRatings(Direction: -2), new PreferenceRatings(Direction: 1));

        var m = Assert.Single(mismatches);
        Assert.Equal(PreferenceDimension.Direction, m.Dimension);
        Assert.Equal(PreferencePole.Negative, m.WantsMoreOf);
        Assert.Equal((-2, 1), (m.Client, m.Therapist));
        Assert.Equal("Jordan would like more structure, practical tasks and homework than your usual style.", m.Sentence);
    }

    [Theory]
    [InlineData(2, -1, true)] // clear preference, therapist leans the other way: gap 3
    [InlineData(3, 0, true)] // strong preference, neutral therapist: gap 3
    [InlineData(-3, 0, true)]
    [InlineData(2, 0, false)] // gap 2: the therapist can flex
    [InlineData(3, 1, false)]
    [InlineData(1, -3, false)] // a mild leaning is never flagged, even with a gap of 4
    [InlineData(0, 3, false)]
    [InlineData(-2, 3, true)]
    public void Style_ClearPreferenceAndGapOfThree_IsAStrongMismatch(int client, int therapist, bool expected) =>
        Assert.Equal(expected, PreferenceMatch.Style("Jordan", new PreferenceRatings(SupportOrChallenge: client), new PreferenceRatings(SupportOrChallenge: therapist)).Count == 1);

    [Fact]
    public void Style_EveryDimensionAndPole_HasItsOwnSentence()
    {
        var client = new PreferenceRatings(3, 3, -3, 3);
        var therapist = new PreferenceRatings(-1, 0, 0, -2);

        var mismatches = PreferenceMatch.Style("Sam", client, therapist);

        Assert.Equal(
            [
                "Sam would like more room to explore and to lead the sessions themselves than your usual style.",
                "Sam would like more emotional calm and distance from strong feelings than your usual style.",
                "Sam would like more attention to understanding their past than your usual style.",
                "Sam would like more challenge and more of a push than your usual style.",
            ],
            mismatches.Select(m => m.Sentence));
        Assert.Equal([PreferencePole.Positive, PreferencePole.Positive, PreferencePole.Negative, PreferencePole.Positive], mismatches.Select(m => m.WantsMoreOf));
        Assert.Equal(
            "Sam would like more time going deep into strong feelings than your usual style.",
            Assert.Single(PreferenceMatch.Style("Sam", new PreferenceRatings(EmotionalIntensity: -2), new PreferenceRatings(EmotionalIntensity: 1))).Sentence);
        Assert.Equal(
            "Sam would like more focus on dealing with their life now than your usual style.",
            Assert.Single(PreferenceMatch.Style("Sam", new PreferenceRatings(TimeFocus: 2), new PreferenceRatings(TimeFocus: -1))).Sentence);
        Assert.Equal(
            "Sam would like more warmth and support than your usual style.",
            Assert.Single(PreferenceMatch.Style("Sam", new PreferenceRatings(SupportOrChallenge: -3), new PreferenceRatings(SupportOrChallenge: 0))).Sentence);
    }

    [Fact]
    public void Style_NotStatedEitherSide_IsSkipped()
    {
        Assert.Empty(PreferenceMatch.Style("Jordan", new PreferenceRatings(Direction: -3), new PreferenceRatings()));
        Assert.Empty(PreferenceMatch.Style("Jordan", new PreferenceRatings(), new PreferenceRatings(Direction: 3)));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-4)]
    public void Style_RatingOutOfRange_Throws(int bad)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PreferenceMatch.Style("Jordan", new PreferenceRatings(TimeFocus: bad), new PreferenceRatings()));
        Assert.Throws<ArgumentOutOfRangeException>(() => PreferenceMatch.Style("Jordan", new PreferenceRatings(), new PreferenceRatings(TimeFocus: bad)));
    }

    [Fact]
    public void Practical_AllMet_NoMismatch()
    {
        var client = new PracticalPreferences(" MAN ", "polish", SessionModes.Either, TimesOfDay.Afternoon | TimesOfDay.Evening);

        Assert.Empty(PreferenceMatch.Practical("Jordan", client, Therapist));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("No preference")]
    [InlineData(" no PREFERENCE ")]
    public void Practical_NoGenderPreference_IsNotChecked(string? gender) =>
        Assert.Empty(PreferenceMatch.Practical("Jordan", new PracticalPreferences(TherapistGender: gender), Therapist));

    [Fact]
    public void Practical_EverythingUnmet_OneSentenceEach()
    {
        var client = new PracticalPreferences(" woman", "Arabic ", SessionModes.Video, TimesOfDay.Evening);

        var mismatches = PreferenceMatch.Practical(" Jordan ", client, Therapist);

        Assert.Equal([PracticalMatter.Gender, PracticalMatter.Language, PracticalMatter.Mode, PracticalMatter.Times], mismatches.Select(m => m.Matter));
        Assert.Equal(
            [
                "Jordan would prefer a therapist whose gender is “woman”; yours is recorded as “Man”.",
                "Jordan would like sessions in Arabic, which is not among your languages.",
                "Jordan would like sessions by video, which you do not offer.",
                "Jordan can come in the evening, when you have no hours.",
            ],
            mismatches.Select(m => m.Sentence));
    }

    [Fact]
    public void Practical_TherapistGenderNotRecorded_StatedPreferenceIsNotMet()
    {
        var therapist = Therapist with { Gender = null };

        var m = Assert.Single(PreferenceMatch.Practical("Jordan", new PracticalPreferences(TherapistGender: "Non-binary"), therapist));
        Assert.Equal("Jordan would prefer a therapist whose gender is “Non-binary”; your gender is not recorded.", m.Sentence);
    }

    [Fact]
    public void Practical_TimesOverlapInOnePart_IsMet()
    {
        var client = new PracticalPreferences(Times: TimesOfDay.Morning | TimesOfDay.Evening);
        var afternoons = Therapist with { Hours = TimesOfDay.Afternoon };

        Assert.Empty(PreferenceMatch.Practical("Jordan", client, Therapist));
        Assert.Equal("Jordan can come in the morning or evening, when you have no hours.", Assert.Single(PreferenceMatch.Practical("Jordan", client, afternoons)).Sentence);
    }

    [Fact]
    public void Practical_VideoOnlyTherapist_InPersonClientIsUnmet()
    {
        var video = Therapist with { Offers = SessionModes.Video };

        Assert.Equal("Jordan would like sessions in person, which you do not offer.",
            Assert.Single(PreferenceMatch.Practical("Jordan", new PracticalPreferences(Modes: SessionModes.InPerson), video)).Sentence);
        Assert.Empty(PreferenceMatch.Practical("Jordan", new PracticalPreferences(Modes: SessionModes.Either), video));
    }

    [Fact]
    public void Check_BothKinds_CollectedAndMatchesFalse()
    {
        var result = PreferenceMatch.Check("Jordan", new PreferenceRatings(Direction: 3), new PreferenceRatings(Direction: 0), new PracticalPreferences(Language: "French"), Therapist);

        Assert.Single(result.Style);
        Assert.Single(result.Practical);
        Assert.False(result.Matches);
        Assert.True(PreferenceMatch.Check("Jordan", new PreferenceRatings(), new PreferenceRatings(), new PracticalPreferences(), Therapist).Matches);
    }

    [Fact]
    public void PreferenceWords_ThreeTimes_JoinedWithCommaAndOr() =>
        Assert.Equal("in the morning, afternoon or evening", PreferenceWords.Of(TimesOfDay.Morning | TimesOfDay.Afternoon | TimesOfDay.Evening));
}
