using NodaTime;
using OnTrack.Domain.Outcomes;
using OnTrack.Web.Data;
using OnTrack.Web.Features.Clients;
using OnTrack.Web.Features.Measures;
using OnTrack.Web.Features.Scheduling;
using OnTrack.Web.Features.Staff;

namespace OnTrack.Web.Features.Reviews;

/// <summary>
/// The demo clinic's reviews and concerns: Taylor was not on track, a review halfway through her course
/// brought more structure (what she had asked for) and her course turned; Sam asked the clinic, not his
/// therapist, for a different therapist; Casey told her therapist the sessions feel stuck (an open alert).
/// </summary>
public static class DemoReviews
{
    public static void Add(OnTrackDbContext db, IReadOnlyList<Therapist> therapists, IReadOnlyList<Client> clients, Instant now, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(therapists);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(zone);
        var today = now.InZone(zone).Date;
        if (clients.FirstOrDefault(c => c.FullName == "Taylor Brooks") is { } taylor)
        {
            AddTaylorsReview(db, therapists.Single(t => t.Id == taylor.PrimaryTherapistId), taylor);
        }

        if (clients.FirstOrDefault(c => c.FullName == "Sam Rivera") is { } sam)
        {
            var raised = now - Duration.FromHours(20);
            db.Add(new ConcernForAdmins
            {
                ClinicId = sam.ClinicId,
                ClientId = sam.Id,
                RaisedAt = raised,
                ByUserId = sam.UserId ?? "",
                ByName = sam.FullName,
                Topics = [ConcernTopic.Pace, ConcernTopic.Relationship],
                Wishes = [ConcernWish.DifferentTherapist],
                Text = "Nothing has changed in two months and I find it hard to open up. I'd like to try someone else, but I don't want to hurt his feelings.",
                State = ConcernState.Open,
                AnswerBy = Concerns.WorkingDaysAfter(raised.InZone(zone).Date, Concerns.AnswerWithinWorkingDays),
            });
        }

        if (clients.FirstOrDefault(c => c.FullName == "Casey Nguyen") is { } casey)
        {
            var raised = now - Duration.FromHours(3);
            var alert = new Alert
            {
                ClinicId = casey.ClinicId,
                ClientId = casey.Id,
                TherapistId = casey.PrimaryTherapistId,
                Kind = AlertKind.ClientConcern,
                Priority = AlertPriority.Normal,
                State = AlertState.New,
                InstrumentId = "",
                Summary = "Casey says therapy isn't working for them: the way we work in sessions, my goals. Would like: more structure and practical tasks. “We talk every week but I leave without anything to try.”",
                RaisedAt = raised,
            };
            db.Alerts.Add(alert);
            db.Add(new ClientConcern
            {
                ClinicId = casey.ClinicId,
                ClientId = casey.Id,
                RaisedAt = raised,
                ByUserId = casey.UserId ?? "",
                ByName = casey.FullName,
                Topics = [ConcernTopic.Approach, ConcernTopic.Goals],
                Wishes = [ConcernWish.MoreStructure],
                Text = "We talk every week but I leave without anything to try.",
                State = ConcernState.Open,
                AnswerBy = Concerns.WorkingDaysAfter(today, Concerns.AnswerWithinWorkingDays),
                AlertId = alert.Id,
            });
        }
    }

    /// <summary>Halfway through Taylor's attended sessions (where her demo course turns), a review: not on track, more structure.</summary>
    private static void AddTaylorsReview(OnTrackDbContext db, Therapist therapist, Client taylor)
    {
        var attended = db.Appointments.Local.Where(a => a.Status == AppointmentStatus.Attended && a.Participants.Any(p => p.ClientId == taylor.Id))
            .OrderBy(a => a.Start).ToList();
        if (attended.Count < 4)
        {
            return;
        }

        var session = attended[(int)Math.Round(DemoMeasureHistory.TaylorTurn * (attended.Count - 1))];
        var at = session.End;
        var review = new Review
        {
            ClinicId = taylor.ClinicId,
            ClientId = taylor.Id,
            Reason = ReviewReason.NotOnTrack,
            State = ReviewState.Completed,
            OpenedAt = session.Start - Duration.FromDays(1),
            OpenedByUserId = therapist.UserId,
            OpenedByName = therapist.DisplayName,
            AppointmentId = session.Id,
            CompletedAt = at,
            CompletedByName = therapist.DisplayName,
            Summary = "Taylor wants more structure and something to practise between sessions; we agreed on weekly tasks.",
        };
        review.Findings.Add(new ReviewFinding { ClinicId = taylor.ClinicId, ClientId = taylor.Id, ReviewId = review.Id, Area = ReviewArea.Course, Text = "Hardly any change in eight weeks; amber, then red, against the expected course.", IsProblem = true });
        review.Findings.Add(new ReviewFinding { ClinicId = taylor.ClinicId, ClientId = taylor.Id, ReviewId = review.Id, Area = ReviewArea.ApproachAndPreferences, Text = "Taylor asked for more structure and homework than we have had.", IsProblem = true });
        review.Findings.Add(new ReviewFinding { ClinicId = taylor.ClinicId, ClientId = taylor.Id, ReviewId = review.Id, Area = ReviewArea.Alliance, Text = "Good: she feels understood.", IsProblem = false });
        review.Actions.Add(new ReviewAction
        {
            ClinicId = taylor.ClinicId,
            ClientId = taylor.Id,
            ReviewId = review.Id,
            Kind = ReviewActionKind.MoreStructure,
            Details = "An agenda each session and one practical task to try before the next",
            TakenAt = at,
            ByName = therapist.DisplayName,
            FollowUp = ActionFollowUp.Pending,
        });
        db.Add(review);
    }

}
