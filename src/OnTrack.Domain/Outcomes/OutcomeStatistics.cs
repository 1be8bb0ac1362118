using OnTrack.Domain.Measures;

namespace OnTrack.Domain.Outcomes;

/// <summary>A client's first and last score on one measure of the course.</summary>
public sealed record PairedScores(Instrument Instrument, decimal First, decimal Last);

/// <summary>A course of treatment that has ended, with its treatment sessions and paired scores.</summary>
public sealed record EndedCourse(int TreatmentSessions, IReadOnlyList<PairedScores> Measures);

/// <summary>
/// Outcome figures on the NHS Talking Therapies definitions, with the counts behind each rate.
/// Rates are null when nothing stands behind them.
/// </summary>
public sealed record OutcomeFigures(int Finished, int Cases, int Recovered, int ReliablyImproved, int ReliablyRecovered, int ReliablyDeteriorated)
{
    /// <summary>Recovered among finished courses that were a case at the start (the national standard is 50 %).</summary>
    public double? RecoveryRate => Rate(Recovered, Cases);

    /// <summary>Reliably improved among all finished courses.</summary>
    public double? ReliableImprovementRate => Rate(ReliablyImproved, Finished);

    /// <summary>Reliably recovered among finished courses that were a case at the start.</summary>
    public double? ReliableRecoveryRate => Rate(ReliablyRecovered, Cases);

    /// <summary>Reliably deteriorated among all finished courses.</summary>
    public double? ReliableDeteriorationRate => Rate(ReliablyDeteriorated, Finished);

    private static double? Rate(int count, int of) => of == 0 ? null : (double)count / of;
}

/// <summary>
/// NHS Talking Therapies outcome definitions (see docs/clinical-reference): a finished course has at least
/// two treatment sessions; a case at the start is at or above the cutoff on at least one measure (PHQ-9 ≥ 10
/// and/or GAD-7 ≥ 8); recovery is a case at the start and no measure at caseness at the end; reliable
/// improvement is a reliable improvement on at least one measure and reliable deterioration on none;
/// reliable deterioration the mirror image; reliable recovery is recovery with reliable improvement.
/// </summary>
public static class OutcomeStatistics
{
    public const int MinimumTreatmentSessions = 2;

    public static OutcomeFigures Of(IEnumerable<EndedCourse> courses)
    {
        ArgumentNullException.ThrowIfNull(courses);
        int finished = 0, cases = 0, recovered = 0, improved = 0, reliablyRecovered = 0, deteriorated = 0;
        foreach (var course in courses)
        {
            var measures = course.Measures.Where(m => m.Instrument.Cutoff is not null && m.Instrument.ReliableChange is not null).ToList();
            if (course.TreatmentSessions < MinimumTreatmentSessions || measures.Count == 0)
            {
                continue;
            }

            finished++;
            var categories = measures.Select(m => Progress.Categorise(m.Instrument, m.First, m.Last)).ToList();
            var anyImproved = categories.Contains(ChangeCategory.Improved);
            var anyDeteriorated = categories.Contains(ChangeCategory.Deteriorated);
            var reliablyImproved = anyImproved && !anyDeteriorated;
            improved += reliablyImproved ? 1 : 0;
            deteriorated += anyDeteriorated && !anyImproved ? 1 : 0;

            var caseAtStart = measures.Any(m => Scorer.IsCase(m.Instrument, m.First) == true);
            if (!caseAtStart)
            {
                continue;
            }

            cases++;
            if (measures.All(m => Scorer.IsCase(m.Instrument, m.Last) == false))
            {
                recovered++;
                reliablyRecovered += reliablyImproved ? 1 : 0;
            }
        }

        return new OutcomeFigures(finished, cases, recovered, improved, reliablyRecovered, deteriorated);
    }
}
