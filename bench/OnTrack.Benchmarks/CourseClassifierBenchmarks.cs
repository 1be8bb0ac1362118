using BenchmarkDotNet.Attributes;
using OnTrack.Domain.Course;

namespace OnTrack.Benchmarks;

/// <summary>
/// Scoring new results against a fitted expected course: the app classifies every new score, and a
/// re-scoring of a whole clinic's history classifies millions. Target: ≥ 10 million per second on one core.
/// </summary>
[MemoryDiagnoser]
public class CourseClassifierBenchmarks
{
    private const int Count = 1_000_000;
    private readonly double[] _sessions = new double[Count];
    private readonly double[] _intakes = new double[Count];
    private readonly double[] _scores = new double[Count];
    private readonly CourseStatus[] _statuses = new CourseStatus[Count];
    private CourseClassifier _classifier;
    private RationalRule _rule = default!;

    [GlobalSetup]
    public void Setup()
    {
        var sums = new Dictionary<int, ClientSums>();
        foreach (var s in CourseSimulator.Generate(5000, seed: 1))
        {
            var current = sums.TryGetValue(s.Client, out var c) ? c : new ClientSums(0, 0, 0, 0, 0, 0, s.Intake);
            sums[s.Client] = current.Add(CourseTime.F(TimeScale.Log1P, s.Session), s.Score);
        }

        var model = CourseFitter.Fit(sums.Values.ToArray(), new FitOptions());
        _classifier = new CourseClassifier(model, new CourseThresholds(0.75, 0.90, HealthyCutoff: 10));
        _rule = new RationalRule(6, 4, HealthyCutoff: 10);
        var random = new Random(7);
        for (var i = 0; i < Count; i++)
        {
            _sessions[i] = random.Next(1, 30);
            _intakes[i] = random.Next(5, 28);
            _scores[i] = random.Next(0, 28);
        }
    }

    /// <summary>One million classifications in a batch (OperationsPerInvoke gives the time per classification).</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public void ClassifyAll() => _classifier.ClassifyAll(_sessions, _intakes, _scores, _statuses);

    /// <summary>One million single calls, as the app makes them one new score at a time.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int ClassifyOneByOne()
    {
        var red = 0;
        for (var i = 0; i < Count; i++)
        {
            red += _classifier.Classify(_sessions[i], _intakes[i], _scores[i]) == CourseStatus.NotOnTrack ? 1 : 0;
        }

        return red;
    }

    /// <summary>The rational rule, for comparison.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int RationalRule()
    {
        var red = 0;
        for (var i = 0; i < Count; i++)
        {
            red += _rule.Classify(_sessions[i], _intakes[i], _scores[i]) == CourseStatus.NotOnTrack ? 1 : 0;
        }

        return red;
    }
}

/// <summary>The fit itself on 50,000 simulated clients (the lme4 comparison's size), from sums already made.</summary>
[MemoryDiagnoser]
public class CourseFitBenchmarks
{
    private ClientSums[] _clients = [];

    [GlobalSetup]
    public void Setup()
    {
        var sums = new Dictionary<int, ClientSums>();
        foreach (var s in CourseSimulator.Generate(50_000, seed: 1))
        {
            var current = sums.TryGetValue(s.Client, out var c) ? c : new ClientSums(0, 0, 0, 0, 0, 0, s.Intake);
            sums[s.Client] = current.Add(CourseTime.F(TimeScale.Log1P, s.Session), s.Score);
        }

        _clients = [.. sums.Values];
    }

    [Benchmark]
    public double Fit50000Clients() => CourseFitter.Fit(_clients, new FitOptions()).Criterion;
}
