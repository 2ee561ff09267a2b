using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Social.Members;
using Loyalty.Contracts;
using Loyalty.Contracts.Member;
using Loyalty.Domain.Care.Surveys;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Loyalty.Application.Features.Care.Surveys;

/// <summary>
/// The member answers one of their surveys, once: CSAT, NPS, free text and, per service dimension, expected and
/// perceived. The answer keeps the member's tier at that moment.
/// </summary>
public sealed record AnswerMySurveyCommand(string Subject, Guid SurveyId, AnswerSurveyRequest Request) : ICommand<SurveyAnsweredResponse>, ITransactionalCommand;

public sealed class AnswerMySurveyValidator : AbstractValidator<AnswerMySurveyCommand>
{
    public AnswerMySurveyValidator()
    {
        RuleFor(c => c.Request.Csat).InclusiveBetween(SurveyRules.MinCsat, SurveyRules.MaxCsat);
        RuleFor(c => c.Request.Nps).InclusiveBetween(SurveyRules.MinNps, SurveyRules.MaxNps);
        RuleFor(c => c.Request.Comment).MaximumLength(Survey.MaxCommentLength);
        RuleFor(c => c.Request.Dimensions).Must(d => d is null || d.Count <= 20).WithMessage("At most 20 dimensions.");
        RuleForEach(c => c.Request.Dimensions).ChildRules(d =>
        {
            d.RuleFor(x => x.Dimension).NotEmpty().MaximumLength(50);
            d.RuleFor(x => x.Expected).InclusiveBetween(SurveyRules.MinDimensionScore, SurveyRules.MaxDimensionScore);
            d.RuleFor(x => x.Perceived).InclusiveBetween(SurveyRules.MinDimensionScore, SurveyRules.MaxDimensionScore);
        });
    }
}

public sealed class AnswerMySurveyHandler(ILoyaltyDbContext db, IOptions<CareOptions> options, TimeProvider clock) : ICommandHandler<AnswerMySurveyCommand, SurveyAnsweredResponse>
{
    public async ValueTask<SurveyAnsweredResponse> Handle(AnswerMySurveyCommand command, CancellationToken cancellationToken)
    {
        var member = await MemberLookup.FindBySubjectAsync(db, command.Subject, cancellationToken);
        var survey = await db.Surveys.SingleOrDefaultAsync(s => s.Id == command.SurveyId && s.MemberId == member.Id, cancellationToken)
                     ?? throw AppException.NotFound(ErrorCodes.SurveyNotFound, "You have no survey with this id.");
        var now = clock.GetUtcNow();
        var dimensions = (command.Request.Dimensions ?? []).Select(d => (d.Dimension.Trim(), d.Expected, d.Perceived)).ToList();
        survey.Answer(command.Request.Csat, command.Request.Nps, command.Request.Comment, dimensions, options.Value.Dimensions.ToList(), member.TierId, now);
        db.SurveyDimensionAnswers.AddRange(survey.Dimensions);
        await db.SaveChangesAsync(cancellationToken);
        return new SurveyAnsweredResponse(survey.Id, now);
    }
}
