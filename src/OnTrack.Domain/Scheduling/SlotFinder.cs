using NodaTime;

namespace OnTrack.Domain.Scheduling;

/// <summary>Everything needed to list a therapist's bookable slots.</summary>
public sealed record SlotQuery(
    DateTimeZone Zone,
    LocalDate From,
    LocalDate To,
    Duration SessionLength,
    Duration Buffer,
    Duration Step,
    Instant NotBefore,
    IReadOnlyList<WeeklyWindow> TherapistHours,
    IReadOnlyList<WeeklyWindow> ClinicOpeningHours,
    IReadOnlyList<AvailabilityException> Exceptions,
    IReadOnlyList<TimeRange> Busy);

/// <summary>A bookable session time.</summary>
public readonly record struct Slot(Instant Start, Instant End);

/// <summary>
/// Lists free slots. A session occupies [start, end + buffer) of the therapist's time, exactly the range
/// the database's no-overlap constraint checks, so what is offered here is what the database accepts.
/// </summary>
public static class SlotFinder
{
    public static IReadOnlyList<Slot> Find(SlotQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.SessionLength <= Duration.Zero)
        {
            throw new ArgumentException("Session length must be positive.", nameof(query));
        }

        if (query.Step <= Duration.Zero)
        {
            throw new ArgumentException("Slot step must be positive.", nameof(query));
        }

        var busy = query.Busy.OrderBy(b => b.Start).ToList();
        var slots = new List<Slot>();
        for (var date = query.From; date <= query.To; date = date.PlusDays(1))
        {
            foreach (var window in WorkingDay.Windows(date, query.TherapistHours, query.ClinicOpeningHours, query.Exceptions))
            {
                AddSlots(query, window, busy, slots);
            }
        }

        return slots;
    }

    /// <summary>True when a session at <paramref name="start"/> is one that <see cref="Find"/> would offer.</summary>
    public static bool IsBookable(SlotQuery query, Instant start)
    {
        ArgumentNullException.ThrowIfNull(query);
        var local = start.InZone(query.Zone).LocalDateTime;
        var narrowed = query with { From = local.Date, To = local.Date };
        return Find(narrowed).Any(s => s.Start == start);
    }

    private static void AddSlots(SlotQuery query, LocalWindow window, List<TimeRange> busy, List<Slot> slots)
    {
        var stepMinutes = (long)query.Step.TotalMinutes;
        var sessionMinutes = (long)query.SessionLength.TotalMinutes;
        for (var localStart = window.Start; localStart.PlusMinutes(sessionMinutes) <= window.End; localStart = localStart.PlusMinutes(stepMinutes))
        {
            if (ClinicTime.ToInstantOrNull(localStart, query.Zone) is not { } start)
            {
                continue;
            }

            var end = start + query.SessionLength;
            if (start < query.NotBefore)
            {
                continue;
            }

            var occupied = new TimeRange(start, end + query.Buffer);
            if (!busy.Any(b => b.Overlaps(occupied)))
            {
                slots.Add(new Slot(start, end));
            }
        }
    }
}
