import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "~/components/form";
import { SubmitButton } from "~/components/validated-form";
import { confirmSignup, findSignupRequest } from "~/modules/accounts/businesses.server";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { failure } from "~/utils/forms";
import { readForm } from "~/utils/read-form.server";
import { createSession, destroySession, setFlash } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// The link in the sign-up mail. Opening it only shows what it will create; the account is made by
// the button (a POST), so a mail scanner that follows links neither spends it nor gets the session.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const pending = await findSignupRequest(params.token ?? "");
  const t = await i18nServer.getFixedT(request, "accounts");
  return { pending, title: `${t("signup.confirmTitle")} — ${t("common:shell.brand")}` };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await readForm(request); // only the button: read so that a body that is no form answers 400 like everywhere
  const result = await confirmSignup(params.token ?? "");
  if (!result.ok) {
    const key = { invalid: "errors.signupLinkInvalid", emailTaken: "errors.emailTaken", taxCodeTaken: "errors.taxCode.taken" }[result.reason];
    return data(failure({ form: key }, {}), { status: result.reason === "invalid" ? 400 : 409 });
  }
  // Whoever was signed in on this browser is signed out: the new owner's session replaces it.
  const headers = new Headers();
  headers.append("Set-Cookie", await destroySession(request));
  headers.append("Set-Cookie", await createSession(result.userId));
  headers.append("Set-Cookie", await setFlash(request, { kind: "success", message: "accounts:signup.done" }));
  return redirect("/business", { headers });
}

export default function ConfirmSignupPage() {
  const { t } = useTranslation("accounts");
  const { pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (!pending) {
    return (
      <div className="narrow">
        <h1>{t("signup.invalidTitle")}</h1>
        <p className="lead">{t("signup.invalidBody")}</p>
        <p>
          <Link to="/login">{t("signup.loginLink")}</Link> · <Link to="/signup">{t("signup.toSignup")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("signup.confirmTitle")}</h1>
      <p className="lead">{t("signup.confirmLead", { business: pending.legalName, email: pending.email })}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="confirm" />
        <ErrorSummary errors={actionData?.errors} labels={{}} />
        <SubmitButton>{t("signup.confirmSubmit")}</SubmitButton>
      </Form>
    </div>
  );
}
