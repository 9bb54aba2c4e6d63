package dev.embargo.credits.researcher;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.embargo.credits.DomainConflict;
import dev.embargo.credits.grant.Credit;
import dev.embargo.credits.grant.Credits;
import dev.embargo.credits.grant.CreditsChanged;
import dev.embargo.credits.link.SafeLink;
import dev.embargo.credits.researcher.ResearcherApi.OwnCredit;
import dev.embargo.credits.researcher.ResearcherApi.ProfileResponse;
import dev.embargo.platform.problem.Problem;
import dev.embargo.platform.problem.ProblemException;

/**
 * What a signed-in researcher can do with their profile and credits. Every change that can alter how their credits are
 * shown moves the leaderboards in the same transaction.
 */
@ApplicationScoped
class Profiles {

    private final Researchers researchers;
    private final Credits credits;
    private final Event<CreditsChanged> changed;
    private final Clock clock;

    Profiles(Researchers researchers, Credits credits, Event<CreditsChanged> changed, Clock clock) {
        this.researchers = researchers;
        this.credits = credits;
        this.changed = changed;
        this.clock = clock;
    }

    @Transactional
    ProfileResponse view(String subject) {
        ResearcherProfile profile = researchers.bySubject(subject).orElseThrow(ProblemException::notFound);
        return describe(profile, credits.of(subject));
    }

    @Transactional
    ProfileResponse update(String subject, String displayName, String rawLink) {
        String link = null;
        if (rawLink != null && !rawLink.isBlank()) {
            link = SafeLink.normalize(rawLink).orElseThrow(() -> new ProblemException(Problem.of("invalid-link", 400,
                    "Invalid request", "The link must be an absolute http or https URL without credentials.")));
        }
        String name = displayName == null || displayName.isBlank() ? null : displayName.strip();
        ResearcherProfile profile = profileOf(subject);
        profile.describe(name, link, clock.instant());
        return shown(profile);
    }

    @Transactional
    int claim(String subject) {
        if (researchers.bySubject(subject).isEmpty()) {
            throw new DomainConflict("profile-required", "Create your profile before claiming credits.");
        }
        List<Credit> claimable = credits.claimableBy(subject);
        claimable.forEach(c -> c.claimBy(subject, clock.instant()));
        if (!claimable.isEmpty()) {
            changed.fire(new CreditsChanged(credits.of(subject)));
        }
        return claimable.size();
    }

    @Transactional
    ProfileResponse consent(String subject, boolean granted) {
        ResearcherProfile profile = profileOf(subject);
        if (granted) {
            profile.giveConsent(clock.instant());
        } else {
            profile.withdrawConsent(clock.instant());
        }
        return shown(profile);
    }

    private ResearcherProfile profileOf(String subject) {
        return researchers.bySubject(subject).orElseGet(() -> {
            var created = ResearcherProfile.open(subject, clock.instant());
            researchers.persist(created);
            return created;
        });
    }

    /** After a change to the profile: the leaderboards its credits are on follow it. */
    private ProfileResponse shown(ResearcherProfile profile) {
        List<Credit> own = credits.of(profile.subject());
        changed.fire(new CreditsChanged(own));
        return describe(profile, own);
    }

    private ProfileResponse describe(ResearcherProfile profile, List<Credit> own) {
        int claimed = (int) own.stream().filter(Credit::claimed).count();
        int points = own.stream().mapToInt(Credit::points).sum();
        List<OwnCredit> list = own.stream().map(c -> new OwnCredit(c.publication().trackingId(), c.type(), c.points(),
                c.year(), c.anonymous() || !profile.consents(), c.claimed())).toList();
        return new ProfileResponse(profile.displayName(), profile.link(), profile.consents(), claimed,
                own.size() - claimed, points, list);
    }
}
