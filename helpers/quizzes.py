"""The 'check your understanding' questions at the end of notebooks 06–08 (shown with ``quiz.Quiz``).

Every option carries its own explanation; number questions state how the number comes about.
tests/test_quiz.py recomputes each number answer with the course's reference functions.
"""

from __future__ import annotations

from .quiz import Question

QUIZ_06 = [
    Question(
        "Why does a safe softmax subtract each row's maximum score before np.exp?",
        options=("It makes every row of probabilities sum to 1.",
                 "It leaves the probabilities unchanged but makes every exponent ≤ 0, so nothing overflows.",
                 "It makes the largest probability exactly 1.",
                 "Subtracting the maximum of the whole batch would do the same job."),
        answer=1,
        why=("Dividing by the row sum does that, with or without the shift.",
             "Adding the same number to a whole row cancels between top and bottom; with the maximum at 0 the "
             "largest term is e⁰ = 1 and the sum is at least 1.",
             "The largest exponent becomes e⁰ = 1, but after dividing by the row sum its probability is below 1 "
             "unless every other score is far below.",
             "A row far below the batch maximum underflows to 0/0 = nan: each row needs its own maximum."),
    ),
    Question("An untrained 5-class model gives every class the probability 1/5. What is its mean cross-entropy "
             "(natural log), to 3 decimals?",
             answer=1.609, tolerance=0.002,
             why=("−log(1/5) = log 5 ≈ 1.609, whatever the labels: a first loss far from log K points to a bug "
                  "or a bad initialisation.",)),
    Question(
        "The mean cross-entropy J over n samples, with q = softmax(s). What is ∂J/∂s for sample i?",
        options=("(q_i − onehot(y_i)) / n", "q_i(1 − q_i) / n", "(onehot(y_i) − q_i) / n", "−1 / (n·q_{i,y_i})"),
        answer=0,
        why=("Prediction minus label, one entry per class, and 1/n from the mean.",
             "That is only how each probability reacts to its own score; every q_k depends on every score.",
             "The sign is flipped: gradient descent would then climb the loss.",
             "That is the derivative with respect to the probability of the true class, not the scores."),
    ),
    Question("Hinge loss with Δ = 1: the true class is 0 and the scores are [2, 1.5, −1]. What is the loss?",
             answer=0.5, tolerance=1e-6,
             why=("max(0, 1.5 − 2 + 1) + max(0, −1 − 2 + 1) = 0.5 + 0: only class 1 comes within the margin.",)),
    Question(
        "You trained with λ ∈ {0, 0.001, 0.01, 0.1}. Where do you choose λ, and where do you report the accuracy?",
        options=("Choose and report on the test set.",
                 "Choose on the validation set, then report the test accuracy of that one model, once.",
                 "Choose on the training set: it is the largest.",
                 "Choose on the test set and report the validation accuracy."),
        answer=1,
        why=("The best of four test scores is optimistic: the winner is partly the one that was lucky on them.",
             "The test set takes part in no choice, so its single score is an honest estimate.",
             "The training loss always prefers the smallest λ: a penalty can only make the fit to the training "
             "data worse.",
             "Backwards: the set you chose on is the one whose score is optimistic."),
    ),
]

QUIZ_07 = [
    Question(
        "Why is the loss of an untrained network with small weights close to ln 2 ≈ 0.693?",
        options=("Every logit is near 0, so every ŷ is near 0.5, and each sample costs about −ln 0.5.",
                 "Because about half of the labels are 1.",
                 "Because tanh(0) = 0 makes every logit exactly 0.",
                 "Because the binary cross-entropy is at most ln 2."),
        answer=0,
        why=("Whatever the label, a 50/50 guess costs −ln 0.5 = ln 2.",
             "The class balance does not matter: here 37 % are malignant and the start is still near ln 2.",
             "Small weights give small logits, not exactly 0 (that is why this notebook starts at 0.66).",
             "It has no upper bound: a confident wrong answer costs far more."),
    ),
    Question(
        "Going back through A1 = tanh(Z1), the gradient is multiplied elementwise by …",
        options=("1 − A1²", "A1(1 − A1)", "1 − tanh(A1)²", "nothing: tanh's slope is at most 1"),
        answer=0,
        why=("tanh′(Z1) = 1 − tanh²(Z1), and A1 is already tanh(Z1).",
             "That is σ′, the sigmoid's derivative, not tanh's.",
             "That takes tanh twice: A1 already is tanh(Z1).",
             "At most 1 is not 1: for large |Z1| the slope is almost 0 (tanh saturates)."),
    ),
    Question(
        "Every weight of the network starts at the same value 0.1. After 300 training steps the 20 hidden units …",
        options=("are still identical: they get the same gradient at every step",
                 "differ, because the samples differ",
                 "differ, because the learning rate is large enough",
                 "are all 0"),
        answer=0,
        why=("Identical units compute the same thing and receive the same gradient: random starts break that.",
             "Every unit sees the same samples through the same weights, so the data cannot tell them apart.",
             "The step size scales the same gradient for every unit.",
             "They move, but all together."),
    ),
    Question("By the rule Var(w) ≈ 1/fan-in, what standard deviation should the first-layer weights have with "
             "50 standardised inputs? (3 decimals)",
             answer=0.141, tolerance=0.002,
             why=("1/√50 ≈ 0.141: a hidden unit's score then has a variance of about 50 · (1/50) = 1, in tanh's "
                  "steep middle part.",)),
    Question(
        "The validation loss is lowest at step 660. Which figure do you report for new masses?",
        options=("The validation loss at step 660.",
                 "The test loss (or accuracy) of the step-660 network, looked at once.",
                 "The lowest test loss over all steps.",
                 "The training loss at step 660."),
        answer=1,
        why=("Optimistic: step 660 was chosen because it suits these validation masses.",
             "The test part took part in no choice, so its score is honest.",
             "Choosing the step on the test curve makes the test score optimistic too.",
             "It says how well the network fits what it has seen, not new masses."),
    ),
]

QUIZ_08 = [
    Question(
        "A larger Huber threshold δ makes the Huber fit …",
        options=("closer to the MSE fit", "closer to the MAE fit", "no different"),
        answer=0,
        why=("A larger δ widens the quadratic part: once every residual is inside ±δ it is half the squared loss.",
             "Backwards: a smaller δ leaves more residuals in the linear, MAE-like part.",
             "Once δ passes some residuals, they change sides and the fit changes."),
    ),
    Question("What is the Huber slope ρ′(a) at a residual a = −3 with δ = 1?",
             answer=-1.0, tolerance=1e-6,
             why=("Beyond ±δ the slope is δ·sign(a) = −1: the pull of a far point is capped at δ.",)),
    Question(
        "Fitting a line, which of these costs can have a local minimum that is not the global one?",
        options=("MSE", "MAE", "Huber", "Cauchy"),
        answer=3,
        why=("Convex: one valley.", "Convex (with a kink), one valley.", "Convex: one valley.",
             "Its slope falls back towards 0 for far residuals, so a second group of points can make a second "
             "valley."),
    ),
    Question("What is the cosine loss 1 − cos θ of a = [1, 2] and b = [3, 6]?",
             answer=0.0, tolerance=1e-6,
             why=("b = 3a points the same way: cos θ = 1, loss 0. Length does not count.",)),
    Question(
        "Two distributions P and Q that do not overlap at all: their Jensen–Shannon divergence …",
        options=("is log 2, however far apart they are", "grows with the distance between them", "is infinite"),
        answer=0,
        why=("So a parameter that only moves Q gets zero gradient until they overlap.",
             "It does not see the distance, only the overlap: it stays at log 2.",
             "That is KL(P‖Q): it is infinite where Q is 0 and P is not; JS is always finite."),
    ),
]
