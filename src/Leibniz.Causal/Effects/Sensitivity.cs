using MathNet.Numerics.Distributions;

namespace Leibniz.Causal.Effects;

/// <summary>
/// How strong unobserved confounding would have to be to explain an estimated effect away. Two views:
/// the E-value (VanderWeele &amp; Ding 2017): the smallest risk ratio a confounder must have with both treatment and
/// outcome, <c>E = RR + √(RR(RR − 1))</c> for RR ≥ 1 (RR replaced by 1/RR below 1), for a difference in means through
/// <c>RR ≈ exp(0.91·d)</c> with d the standardised difference; and the omitted-variable-bias view of a linear
/// regression (Cinelli &amp; Hazlett 2020): a confounder Z explaining the fractions R²_{D~Z|X} of the treatment's and
/// R²_{Y~Z|D,X} of the outcome's residual variance biases the coefficient by
/// <c>se·√dof·√(R²_{Y~Z|D,X}·R²_{D~Z|X}/(1 − R²_{D~Z|X}))</c>, and the robustness value RV is the common strength of
/// both that brings the estimate to (1 − q) of itself (to zero for q = 1).
/// </summary>
public static class Sensitivity
{
    /// <summary>The E-value of a risk ratio (1 when RR = 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">RR is not positive.</exception>
    public static double EValue(double riskRatio)
    {
        if (!(riskRatio > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(riskRatio), riskRatio, "Sensitivity.EValue: a risk ratio is positive.");
        }
        double rr = riskRatio >= 1 ? riskRatio : 1 / riskRatio;
        return rr + Math.Sqrt(rr * (rr - 1));
    }

    /// <summary>
    /// The E-values of an estimate and of its confidence limit nearest the null (1 when the interval contains 1): how
    /// strong a confounder must be to move the point estimate, or the interval, to no effect.
    /// </summary>
    public static (double Estimate, double Interval) EValue(double riskRatio, double lower, double upper)
    {
        double interval = lower <= 1 && upper >= 1 ? 1 : EValue(riskRatio >= 1 ? lower : upper);
        return (EValue(riskRatio), interval);
    }

    /// <summary>
    /// The E-values of a difference in means of a continuous outcome: d = effect / sd(Y), RR ≈ exp(0.91d) with the
    /// interval exp(0.91d ± 1.78 se/sd(Y)) (VanderWeele &amp; Ding 2017, §5).
    /// </summary>
    public static (double Estimate, double Interval) EValueOfDifference(double effect, double standardError, double outcomeSd)
    {
        double d = effect / outcomeSd, sd = standardError / outcomeSd;
        return EValue(Math.Exp(0.91 * d), Math.Exp(0.91 * d - 1.78 * sd), Math.Exp(0.91 * d + 1.78 * sd));
    }

    /// <summary>The partial R² of the treatment with the outcome, t²/(t² + dof).</summary>
    public static double PartialR2(double t, int dof) => t * t / (t * t + dof);

    /// <summary>
    /// The robustness value RV_{q,α}: with f_q = q|t|/√dof and f* = |t_{α/2, dof−1}|/√(dof − 1) (f* = 0 for α = 1),
    /// <c>RV = ½(√(f⁴ + 4f²) − f²)</c> at f = f_q − f*, 0 when f_q ≤ f*, and (f_q² − f*²)/(1 + f_q²) when
    /// f_q &gt; 1/f* (the bound on R²_{D~Z|X} not binding), as in Cinelli &amp; Hazlett's <c>sensemakr</c>.
    /// </summary>
    public static double RobustnessValue(double t, int dof, double q = 1, double alpha = 1)
    {
        double fq = q * Math.Abs(t / Math.Sqrt(dof));
        double critical = alpha >= 1 ? 0 : Math.Abs(StudentT.InvCDF(0, 1, dof - 1, alpha / 2)) / Math.Sqrt(dof - 1);
        double f = fq - critical;
        if (f < 0)
        {
            return 0;
        }
        if (critical > 0 && fq > 1 / critical)
        {
            return (fq * fq - critical * critical) / (1 + fq * fq);
        }
        return 0.5 * (Math.Sqrt(f * f * f * f + 4 * f * f) - f * f);
    }

    /// <summary>The bias a confounder of strengths (R²_{D~Z|X}, R²_{Y~Z|D,X}) can cause: se·√dof·√(R²_yz R²_dz/(1 − R²_dz)).</summary>
    public static double Bias(double standardError, int dof, double r2TreatmentConfounder, double r2OutcomeConfounder) =>
        standardError * Math.Sqrt(dof) * Math.Sqrt(r2OutcomeConfounder * r2TreatmentConfounder / (1 - r2TreatmentConfounder));

    /// <summary>
    /// The robustness curve: for a confounder explaining R²_{D~Z|X} of the treatment, the R²_{Y~Z|D,X} it needs to
    /// bring the estimate to zero, <c>τ̂²(1 − R²_dz)/(se²·dof·R²_dz)</c>; above 1 no such confounder exists.
    /// </summary>
    public static double OutcomeStrengthToExplainAway(double estimate, double standardError, int dof, double r2TreatmentConfounder) =>
        estimate * estimate * (1 - r2TreatmentConfounder) / (standardError * standardError * dof * r2TreatmentConfounder);
}
