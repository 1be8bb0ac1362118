using OnTrack.Domain.Course;

namespace OnTrack.Domain.Tests.Course;

public sealed class CourseClassifierTests
{
    private static readonly CourseModel Model = CourseFitter.Fit(
        CourseData.Sums(CourseData.Read("simulated-300.csv", "client", "session", "score", "intake"), TimeScale.Log1P),
        new FitOptions(TimeScale.Log1P, UseIntake: true));

    private static double At(double session, double intake, double z)
    {
        var (mean, sd) = Model.Expected(session, intake);
        return mean + (z * sd);
    }

    [Theory]
    [InlineData(0.0, CourseStatus.OnTrack)]
    [InlineData(-2.0, CourseStatus.OnTrack)]
    [InlineData(0.6, CourseStatus.OnTrack)]
    [InlineData(0.75, CourseStatus.AtRisk)]
    [InlineData(1.2, CourseStatus.AtRisk)]
    [InlineData(1.35, CourseStatus.NotOnTrack)]
    public void Classify_HigherIsWorse_UsesThePercentilesOfThePredictionInterval(double z, CourseStatus status)
    {
        var classifier = new CourseClassifier(Model, new CourseThresholds(0.75, 0.90));
        Assert.Equal(status, classifier.Classify(5, 17, At(5, 17, z)));
    }

    [Theory]
    [InlineData(-1.35, CourseStatus.NotOnTrack)]
    [InlineData(-0.75, CourseStatus.AtRisk)]
    [InlineData(1.35, CourseStatus.OnTrack)]
    public void Classify_HigherIsBetter_IsMirrored(double z, CourseStatus status)
    {
        var classifier = new CourseClassifier(Model, new CourseThresholds(0.75, 0.90, HigherIsBetter: true));
        Assert.Equal(status, classifier.Classify(3, 12, At(3, 12, z)));
    }

    [Fact]
    public void Classify_HealthyRange_HidesAmberButNeverRed()
    {
        var classifier = new CourseClassifier(Model, new CourseThresholds(0.75, 0.90, HealthyCutoff: 10));
        var low = new CourseClassifier(Model, new CourseThresholds(0.75, 0.90, HealthyCutoff: 100));

        Assert.Equal(CourseStatus.HealthyRange, classifier.Classify(12, 8, 4));
        Assert.Equal(CourseStatus.NotOnTrack, low.Classify(12, 8, At(12, 8, 1.5)));
        Assert.Equal(CourseStatus.HealthyRange, low.Classify(12, 8, At(12, 8, 1.0)));
    }

    [Fact]
    public void ClassifyAll_SameAsOneByOne()
    {
        var classifier = new CourseClassifier(Model, new CourseThresholds());
        var random = new Random(2);
        var n = 1000;
        var sessions = Enumerable.Range(0, n).Select(_ => (double)random.Next(1, 30)).ToArray();
        var intakes = Enumerable.Range(0, n).Select(_ => (double)random.Next(5, 28)).ToArray();
        var scores = Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 28)).ToArray();
        var statuses = new CourseStatus[n];

        classifier.ClassifyAll(sessions, intakes, scores, statuses);

        for (var i = 0; i < n; i++)
        {
            Assert.Equal(classifier.Classify(sessions[i], intakes[i], scores[i]), statuses[i]);
        }

        Assert.Contains(CourseStatus.NotOnTrack, statuses);
        Assert.Contains(CourseStatus.OnTrack, statuses);
    }

    [Fact]
    public void Classifier_PercentilesOutOfOrder_AreRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CourseClassifier(Model, new CourseThresholds(0.9, 0.75)));

    [Theory]
    [InlineData(2, 20, CourseStatus.OnTrack)]
    [InlineData(2, 24, CourseStatus.NotOnTrack)]
    [InlineData(4, 16, CourseStatus.AtRisk)]
    [InlineData(4, 12, CourseStatus.OnTrack)]
    [InlineData(4, 8, CourseStatus.HealthyRange)]
    public void RationalRule_ReliableChangeFromIntake_DecidesTheStatus(int session, double score, CourseStatus status)
    {
        // Intake 18, reliable change 6 (PHQ-9-like), no reliable improvement by session 4 is amber, cutoff 10.
        var rule = new RationalRule(6, NoImprovementBySession: 4, HealthyCutoff: 10);
        Assert.Equal(status, rule.Classify(session, 18, score));
    }

    [Fact]
    public void RationalRule_HigherIsBetter_IsMirrored()
    {
        var rule = new RationalRule(10, NoImprovementBySession: 3, HigherIsBetter: true);
        Assert.Equal(CourseStatus.NotOnTrack, rule.Classify(2, 50, 38));
        Assert.Equal(CourseStatus.AtRisk, rule.Classify(3, 50, 55));
        Assert.Equal(CourseStatus.OnTrack, rule.Classify(3, 50, 61));
    }
}
