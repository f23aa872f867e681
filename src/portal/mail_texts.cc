#include "portal/mail_texts.h"

namespace bluemeet::portal {

MailText verification_mail(std::string_view lang, std::string_view site, std::string_view name, std::string_view link) {
  std::string s(site), n(name), l(link);
  if (lang == "it")
    return {"Conferma il tuo indirizzo per " + s,
            "Ciao " + n + ",\n\nper attivare il tuo account su " + s + " apri questo collegamento:\n\n" + l +
                "\n\nIl collegamento vale 24 ore. Se non hai chiesto tu un account, ignora questo messaggio.\n"};
  return {"Confirm your address for " + s,
          "Hello " + n + ",\n\nto activate your account on " + s + ", open this link:\n\n" + l +
              "\n\nThe link works for 24 hours. If you did not ask for an account, ignore this message.\n"};
}

MailText invitation_mail(std::string_view lang, std::string_view site, std::string_view inviter, std::string_view link) {
  std::string s(site), n(inviter), l(link);
  if (lang == "it")
    return {"Un invito a " + s,
            n + " ti invita a creare un account su " + s + ". Apri questo collegamento per registrarti:\n\n" + l +
                "\n\nIl collegamento vale 7 giorni, per questo indirizzo soltanto.\n"};
  return {"An invitation to " + s,
          n + " invites you to make an account on " + s + ". Open this link to sign up:\n\n" + l +
              "\n\nThe link works for 7 days, for this address only.\n"};
}

MailText reset_mail(std::string_view lang, std::string_view site, std::string_view name, std::string_view link) {
  std::string s(site), n(name), l(link);
  if (lang == "it")
    return {"Nuova password per " + s,
            "Ciao " + n + ",\n\nper scegliere una nuova password su " + s + " apri questo collegamento:\n\n" + l +
                "\n\nIl collegamento vale un'ora e una volta sola. Se non l'hai chiesto tu, ignora questo messaggio: "
                "la tua password non cambia.\n"};
  return {"A new password for " + s,
          "Hello " + n + ",\n\nto choose a new password on " + s + ", open this link:\n\n" + l +
              "\n\nThe link works once, for one hour. If you did not ask for it, ignore this message: your password "
              "stays as it is.\n"};
}

}  // namespace bluemeet::portal
