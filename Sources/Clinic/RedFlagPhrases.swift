/// The shipped red-flag lexicons, in the format a clinic's own files use (see `RedFlags`). What each catches and
/// misses is written down in `Tests/StoreTests/RedFlagsTests.swift` and summed up in docs/DECISIONS.md.
public enum RedFlagPhrases {
  public static let english = """
    # Chest pain or tightness
    chest pain
    chest pains
    pain in my chest
    chest tightness
    tightness in my chest
    tight chest
    chest feels tight
    chest pressure
    pressure in my chest
    crushing pain
    # Breathing
    trouble breathing
    difficulty breathing
    hard to breathe
    can't breathe
    cant breathe
    cannot breathe
    short of breath
    shortness of breath
    struggling to breathe
    gasping for air
    lips turning blue
    lips are blue
    # Suicide and self-harm
    suicidal
    kill myself
    killing myself
    end my life
    ending my life
    take my own life
    want to die
    better off dead
    hurt myself
    hurting myself
    self harm
    # Overdose and poisoning
    overdose
    overdosed
    took too many pills
    took too many
    swallowed a bottle
    # Bleeding
    heavy bleeding
    bleeding heavily
    bleeding a lot
    won't stop bleeding
    bleeding won't stop
    soaking a pad every hour
    soaking through pads
    coughing up blood
    vomiting blood
    throwing up blood
    blood in my vomit
    # Stroke signs
    stroke
    face drooping
    face is drooping
    facial droop
    slurred speech
    slurring my words
    speech is slurred
    weakness on one side
    numb on one side
    numbness on one side
    can't move my arm
    sudden confusion
    worst headache of my life
    # Anaphylaxis
    anaphylaxis
    anaphylactic
    throat is closing
    throat closing
    throat swelling
    tongue swelling
    swollen tongue
    used my epipen
    used my epi pen
    # A newborn's or infant's fever
    newborn has a fever
    newborn has fever
    newborn fever
    newborn with a fever
    baby has a fever
    baby has fever
    infant has a fever
    infant fever
    # Other emergencies
    passed out
    fainted
    unconscious
    unresponsive
    seizure
    seizing
    """

  public static let spanish = """
    # Dolor u opresión en el pecho
    dolor de pecho
    dolor en el pecho
    me duele el pecho
    opresion en el pecho
    presion en el pecho
    pecho apretado
    # Respiración
    no puedo respirar
    dificultad para respirar
    me cuesta respirar
    falta de aire
    me falta el aire
    me ahogo
    labios morados
    # Suicidio y autolesión
    suicidarme
    suicida
    pensamientos suicidas
    matarme
    quitarme la vida
    quiero morir
    quiero morirme
    hacerme dano
    lastimarme
    # Sobredosis
    sobredosis
    tome demasiadas pastillas
    me tome todas las pastillas
    # Sangrado
    sangrado abundante
    sangrado fuerte
    sangra mucho
    estoy sangrando mucho
    no para de sangrar
    vomito con sangre
    vomitando sangre
    tosiendo sangre
    # Signos de derrame
    derrame cerebral
    un derrame
    ictus
    cara caida
    boca torcida
    habla arrastrada
    no puedo hablar bien
    debilidad en un lado
    entumecido de un lado
    # Anafilaxia
    anafilaxia
    reaccion anafilactica
    se me cierra la garganta
    garganta cerrada
    hinchazon de la garganta
    lengua hinchada
    # Fiebre en un recién nacido
    recien nacido con fiebre
    recien nacido tiene fiebre
    bebe con fiebre
    bebe tiene fiebre
    mi bebe tiene fiebre
    # Otras emergencias
    me desmaye
    se desmayo
    inconsciente
    convulsion
    convulsiones
    """
}
