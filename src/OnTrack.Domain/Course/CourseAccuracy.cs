namespace OnTrack.Domain.Course;

/// <summary>One held-out client: their intake and their scores after it as (sessions since intake, score).</summary>
public sealed record HeldOutClient(double Intake, IReadOnlyList<(double Session, double Score)> Scores);

/// <summary>
/// How well a flag at session k foretells a poor final outcome (no reliable improvement, or reliable
/// deterioration) among held-out clients. Clients whose last score is not after session k are left out:
/// the flag must come before the outcome it predicts.
/// </summary>
public sealed record CourseAccuracyReport(int FlagSession, int Clients, int PoorOutcomes, double? Sensitivity, double? Specificity, double? Auc);

public static class CourseAccuracy
{
    /// <summary>
    /// Flag = a red status at any score up to session k. AUC uses the worst standardised distance from
    /// the expected course up to session k as a continuous score (Mann–Whitney, ties counted half).
    /// </summary>
    public static CourseAccuracyReport Evaluate(CourseModel model, CourseThresholds thresholds, double reliableChange, int flagSession, IEnumerable<HeldOutClient> clients)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(clients);
        var classifier = new CourseClassifier(model, thresholds);
        var sign = thresholds.HigherIsBetter ? -1 : 1;
        var rows = new List<(bool Poor, bool Flag, double Score)>();
        foreach (var client in clients)
        {
            var early = client.Scores.Where(s => s.Session <= flagSession).ToList();
            var last = client.Scores.MaxBy(s => s.Session);
            if (early.Count == 0 || last.Session <= flagSession)
            {
                continue;
            }

            var improvement = sign * (client.Intake - last.Score);
            var poor = improvement < reliableChange;
            var flag = early.Any(s => classifier.Classify(s.Session, client.Intake, s.Score) == CourseStatus.NotOnTrack);
            var worst = early.Max(s =>
            {
                var (mean, sd) = model.Expected(s.Session, client.Intake);
                return sign * (s.Score - mean) / sd;
            });
            rows.Add((poor, flag, worst));
        }

        var positives = rows.Count(r => r.Poor);
        var negatives = rows.Count - positives;
        double? sensitivity = positives == 0 ? null : (double)rows.Count(r => r.Poor && r.Flag) / positives;
        double? specificity = negatives == 0 ? null : (double)rows.Count(r => !r.Poor && !r.Flag) / negatives;
        double? auc = null;
        if (positives > 0 && negatives > 0)
        {
            var wins = 0.0;
            foreach (var p in rows.Where(r => r.Poor))
            {
                foreach (var n in rows.Where(r => !r.Poor))
                {
                    wins += p.Score > n.Score ? 1 : p.Score == n.Score ? 0.5 : 0;
                }
            }

            auc = wins / ((double)positives * negatives);
        }

        return new CourseAccuracyReport(flagSession, rows.Count, positives, sensitivity, specificity, auc);
    }
}
